import DialogueProtocol
import DialogueServerStore
import DialogueTestSupport
import Foundation
import Testing

/// Several instances over one PostgreSQL database serve one deployment: what one commits reaches
/// connections on the others, and the schema is set up once however many start together.
@Suite("Several instances over PostgreSQL")
struct ScaleOutTests {
    /// Runs `body` with `count` instances sharing one fresh database.
    static func withInstances<T>(_ count: Int, _ body: ([TestServer]) async throws -> T) async throws -> T {
        try await withTestServer(store: .postgres) { first in
            var servers = [first]
            let root = try TemporaryDirectory()
            defer { root.remove() }
            do {
                for index in 1..<count {
                    let directory = root.url.appendingPathComponent("instance\(index)")
                    servers.append(try await TestServer.start(directory: directory, database: first.database))
                }
                let result = try await body(servers)
                for server in servers.dropFirst() { await server.stop() }
                return result
            } catch {
                for server in servers.dropFirst() { await server.stop() }
                throw error
            }
        }
    }

    @Test func usersOnDifferentInstancesChatInADirectChatAndAGroup() async throws {
        try await Self.withInstances(2) { servers in
            let (a, b) = (servers[0], servers[1])
            let ann = try await Fixtures.signup(a, name: "Ann")
            let ben = try await Fixtures.signup(b, name: "Ben")
            let cal = try await Fixtures.signup(a, name: "Cal")
            let annSocket = TestSocket(port: a.port, token: ann.token)
            let benSocket = TestSocket(port: b.port, token: ben.token)
            let calSocket = TestSocket(port: a.port, token: cal.token)
            for socket in [annSocket, benSocket, calSocket] {
                try await socket.wait("ready") { $0.contains(where: \.isReady) }
            }

            let direct = try await Fixtures.createDirect(ann, with: ben)
            let toBen = try await Fixtures.send(ann, to: direct.id, text: "hello from a")
            try await benSocket.wait("Ann's message, committed on the other instance") { _ in
                benSocket.events.contains { $0.data.message?.id == toBen.id }
            }
            let toAnn = try await Fixtures.send(ben, to: direct.id, text: "hello from b")
            try await annSocket.wait("Ben's reply") { _ in annSocket.events.contains { $0.data.message?.id == toAnn.id }
            }

            let group = try await Fixtures.createGroup(ann, members: [ben, cal])
            let inGroup = try await Fixtures.send(ben, to: group.id, text: "to the group")
            for socket in [annSocket, calSocket] {
                try await socket.wait("Ben's group message") { _ in
                    socket.events.contains { $0.data.message?.id == inGroup.id }
                }
            }
            try await benSocket.wait("his own message, as every member") { _ in
                benSocket.events.contains { $0.data.message?.id == inGroup.id }
            }
            for socket in [annSocket, benSocket, calSocket] {
                let seqs = socket.events.map(\.seq)
                #expect(seqs == Array(1...Int64(seqs.count)), "gap or duplicate in \(seqs)")
                await socket.close()
            }
        }
    }

    /// Messages sent through both instances in turn, read by a user who moves between them.
    @Test func resumingOnTheOtherInstanceHasNoGapAndNoDuplicate() async throws {
        try await Self.withInstances(2) { servers in
            let ann = try await Fixtures.signup(servers[0], name: "Ann")
            let ben = try await Fixtures.signup(servers[1], name: "Ben")
            let annOnB = TestUser(
                user: ann.user, token: ann.token, api: servers[1].api(token: ann.token), deviceId: ann.deviceId)
            let direct = try await Fixtures.createDirect(ann, with: ben)
            let total = 120
            let sender = Task {
                for index in 0..<total {
                    _ = try await Fixtures.send(
                        index.isMultiple(of: 2) ? ann : annOnB, to: direct.id, text: "m\(index)")
                }
            }
            try await TestSocket.readResuming(total: total, token: ben.token, ports: servers.map(\.port), while: sender)
        }
    }

    /// Two instances behind HAProxy, configured by the sample in `packaging/`: one stops while
    /// messages flow; the reader reconnects through the balancer to the other, and every
    /// acknowledged message arrives exactly once, in the order it was sent.
    @Test func throughTheBalancerAStoppedInstanceIsReplacedByTheOther() async throws {
        try await Self.withInstances(2) { servers in
            let balancer = try await Balancer(instances: servers.map(\.port))
            defer { balancer.stop() }
            let ann = try await Fixtures.signup(balancer, name: "Ann")
            let ben = try await Fixtures.signup(balancer, name: "Ben")
            let direct = try await Fixtures.createDirect(ann, with: ben)
            // Two devices of Ben's, opened while nothing else goes through the balancer, each once
            // the one before is established: leastconn then sees one stream on one instance and
            // none on the other, so stopping either instance cuts a stream. (With sends in flight,
            // their connections could tie the count and put both streams on one instance.)
            var first: [TestSocket] = []
            for _ in 0..<2 {
                let socket = TestSocket(port: balancer.port, token: ben.token)
                try await socket.wait("ready") { frames in
                    frames.contains { if case .ready = $0 { true } else { false } }
                }
                first.append(socket)
            }
            let total = 60
            let sender = Task {
                var acknowledged: [String] = []
                for index in 0..<total {
                    // A client retries with the same id until the send is acknowledged.
                    let id = Fixtures.uniqueId("msg")
                    while true {
                        let reply = try? await Fixtures.sendRaw(ann, to: direct.id, id: id, text: "m\(index)")
                        if reply?.status == .created { break }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    acknowledged.append(id)
                    try await Task.sleep(for: .milliseconds(20))
                }
                return acknowledged
            }
            for socket in first {
                try await socket.wait("the first messages") { _ in socket.events.count >= 10 }
            }
            await servers[1].stop()
            let readers = first.map { socket in
                Task { try await Self.readAll(total, from: socket, token: ben.token, via: balancer) }
            }
            var reconnections = 0
            for reader in readers {
                let (received, connections) = try await reader.value
                reconnections += connections - 1
                let seqs = received.map(\.seq)
                #expect(seqs == Array(1...Int64(seqs.count)), "gap or duplicate in \(seqs)")
                let messages = received.filter { $0.type == .messageNew }.compactMap { $0.data.message }
                #expect(messages.map(\.id) == (try await sender.value))
                #expect(messages.map(\.envelope) == (0..<total).map { Fixtures.envelope("m\($0)") })
            }
            #expect(reconnections >= 1, "no stream was on the stopped instance")
        }
    }

    /// Reads Ben's stream until `total` new messages have come, reconnecting through the balancer
    /// from the last cursor whenever the connection closes; what arrived and over how many
    /// connections.
    static func readAll(_ total: Int, from first: TestSocket, token: String, via balancer: Balancer) async throws
        -> ([SyncEvent], Int)
    {
        var received: [SyncEvent] = []
        var socket = first
        var connections = 1
        while true {
            let count = { (received + socket.events).filter { $0.type == .messageNew }.count }
            try await socket.wait(timeout: 40, "all messages or a close") { _ in count() >= total || socket.isClosed }
            let done = count() >= total
            await socket.close()
            received += socket.events
            if done { return (received, connections) }
            socket = TestSocket(port: balancer.port, token: token, hello: received.last?.seq ?? 0)
            connections += 1
        }
    }

    /// Instances starting at once over an empty database: one applies the schema under the
    /// advisory lock, the others wait for it and find it done.
    @Test func instancesStartingTogetherSetTheSchemaUpOnce() async throws {
        let database = try await TestDatabase.create()
        defer { Task { await database.drop() } }
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let servers = try await withThrowingTaskGroup(of: TestServer.self) { group in
            for index in 0..<3 {
                let directory = root.url.appendingPathComponent("instance\(index)")
                group.addTask { try await TestServer.start(directory: directory, database: database) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let ann = try await Fixtures.signup(servers[0], name: "Ann")
        for server in servers {
            let check = try await server.api(token: ann.token).get("/api/auth/check")
            #expect(check.status == .ok)
        }
        for server in servers { await server.stop() }
    }

    @Test func aDatabaseWithANewerSchemaIsRefused() async throws {
        let database = try await TestDatabase.create()
        defer { Task { await database.drop() } }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try await TestServer.start(directory: directory.url, database: database)
        await server.stop()
        try await database.execute("INSERT INTO schema_migrations (id, applied_at) VALUES ('v9999-future', now())")
        let error = await #expect(throws: ServerStoreError.self) {
            try await TestServer.start(directory: directory.url, database: database)
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains("v9999-future") == true, "\(String(describing: error))")
    }
}
