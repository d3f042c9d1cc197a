import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("RPC server over a real Unix socket")
struct RPCServerTests {
    /// `slow` answers after a while, `fast` at once; `echo` returns its params.
    static func timingRouter(slowDelay: Duration = .milliseconds(400)) -> RPCRouter {
        let router = RPCRouter()
        router.register("slow") { _, _ in
            try await Task.sleep(for: slowDelay)
            return "slow"
        }
        router.register("fast") { _, _ in "fast" }
        router.register("echo") { params, _ in params ?? .null }
        router.register("boom") { _, _ in throw CocoaError(.fileReadNoPermission) }
        router.register("locked") { _, _ in throw RPCError.locked() }
        return router
    }

    @Test("a fast call answers before a slow one sent earlier on the same connection")
    func outOfOrderReplies() async throws {
        try await TestServer.with(router: Self.timingRouter()) { path in
            let socket = try LineSocket(path: path)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"slow","id":1}"#)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"fast","id":2}"#)
            let first = try await socket.readJSON()
            let second = try await socket.readJSON()
            #expect(first == ["jsonrpc": "2.0", "id": 2, "result": "fast"])
            #expect(second == ["jsonrpc": "2.0", "id": 1, "result": "slow"])
        }
    }

    @Test("the client matches concurrent calls by id")
    func clientConcurrentCalls() async throws {
        try await TestServer.with(router: Self.timingRouter()) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                async let slow = client.call("slow")
                async let fast = client.call("fast")
                async let echo = client.call("echo", params: ["n": 42])
                let results = try await (slow, fast, echo)
                #expect(results.1 == "fast")
                #expect(results.2 == ["n": 42])
                #expect(results.0 == "slow")
            }
        }
    }

    @Test("a cancelled call stops waiting; the connection keeps working")
    func clientCancellation() async throws {
        try await TestServer.with(router: Self.timingRouter(slowDelay: .seconds(2))) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                let slow = Task { try await client.call("slow") }
                try await Task.sleep(for: .milliseconds(50))
                slow.cancel()
                await #expect(throws: CancellationError.self) { try await slow.value }
                let answer = try await client.call("fast")
                #expect(answer == "fast")
            }
        }
    }

    @Test("errors: RPCError passes through, anything else is a bare internal error")
    func errorMapping() async throws {
        try await TestServer.with(router: Self.timingRouter()) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                let locked = await #expect(throws: RPCError.self) { try await client.call("locked") }
                #expect(locked?.code == .locked)
                #expect(locked?.reason == .locked)
                let boom = await #expect(throws: RPCError.self) { try await client.call("boom") }
                #expect(boom == .internalError)
                let missing = await #expect(throws: RPCError.self) { try await client.call("nope") }
                #expect(missing?.code == .methodNotFound)
            }
        }
    }

    @Test("typed handlers decode params and answer -32602 for the wrong shape")
    func typedHandlers() async throws {
        struct Params: Codable, Sendable {
            var conversationId: String
            var limit: Int?
        }
        struct Answer: Codable, Sendable, Equatable {
            var conversationId: String
            var limit: Int
        }
        let router = RPCRouter()
        router.register("messages.list", params: Params.self) { params, _ in
            Answer(conversationId: params.conversationId, limit: params.limit ?? 50)
        }
        try await TestServer.with(router: router) { path in
            try await RPCClient.withConnection(socketPath: path) { client in
                let answer = try await client.call(
                    "messages.list",
                    params: Params(conversationId: "c1", limit: nil),
                    returning: Answer.self
                )
                #expect(answer == Answer(conversationId: "c1", limit: 50))
                let wrongType = await #expect(throws: RPCError.self) {
                    try await client.call("messages.list", params: ["conversationId": 7])
                }
                #expect(wrongType?.code == .invalidParams)
                let missing = await #expect(throws: RPCError.self) { try await client.call("messages.list") }
                #expect(missing?.code == .invalidParams)
                #expect(missing?.data?["detail"]?.stringValue?.contains("conversationId") == true)
            }
        }
    }

    @Test("a wrong or missing jsonrpc version is an invalid request, answered to the right id")
    func wrongVersion() async throws {
        try await TestServer.with(router: Self.timingRouter()) { path in
            let socket = try LineSocket(path: path)
            try socket.sendLine(#"{"jsonrpc":"1.0","method":"fast","id":7}"#)
            let wrong = try await socket.readJSON()
            #expect(wrong["id"] == 7)
            #expect(wrong["error"]?["code"] == -32600)
            try socket.sendLine(#"{"method":"fast","id":"x"}"#)
            let missing = try await socket.readJSON()
            #expect(missing["id"] == "x")
            #expect(missing["error"]?["code"] == -32600)
            try socket.sendLine(#"{"jsonrpc":2.0,"method":"fast","id":8}"#)
            #expect(try await socket.readJSON()["error"]?["code"] == -32600)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"fast","id":9}"#)
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 9, "result": "fast"])
        }
    }

    @Test("an over-long line gets -32700 and the next line on the connection still works")
    func overlongLine() async throws {
        try await TestServer.with(router: Self.timingRouter(), maximumLineLength: 1024) { path in
            let socket = try LineSocket(path: path)
            // Sent in pieces, so the decoder sees the line grow past the limit across reads.
            let payload = String(repeating: "x", count: 5000)
            try socket.send(#"{"jsonrpc":"2.0","method":"echo","params":[""#)
            try socket.send(payload)
            try socket.send(#""],"id":1}"# + "\n")
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"fast","id":2}"#)
            let rejected = try await socket.readJSON()
            #expect(rejected["id"] == .null)
            #expect(rejected["error"]?["code"] == -32700)
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 2, "result": "fast"])
            // A line just under the limit is fine.
            let fitting = String(repeating: "y", count: 900)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"echo","params":[""# + fitting + #""],"id":3}"#)
            #expect(try await socket.readJSON()["result"] == [.string(fitting)])
        }
    }

    @Test("a 17 MiB line is rejected at the default 16 MiB limit and the connection stays usable")
    func seventeenMebibyteLine() async throws {
        try await TestServer.with(router: Self.timingRouter()) { path in
            let socket = try LineSocket(path: path)
            var line = Array(#"{"jsonrpc":"2.0","method":"echo","params":[""#.utf8)
            line.append(contentsOf: repeatElement(UInt8(ascii: "z"), count: 17 * 1024 * 1024))
            line.append(contentsOf: Array(#""],"id":1}"#.utf8) + [UInt8(ascii: "\n")])
            try socket.send(bytes: line)
            try socket.sendLine(#"{"jsonrpc":"2.0","method":"fast","id":2}"#)
            #expect(try await socket.readJSON(timeout: .seconds(30))["error"]?["code"] == -32700)
            #expect(try await socket.readJSON()["result"] == "fast")
        }
    }

    @Test("several clients at once each receive only their own notifications")
    func perConnectionNotifications() async throws {
        let router = RPCRouter()
        let closedConnections = Locked<[Int]>([])
        // Like events.subscribe: push a few events to the caller's connection only, and learn when it closes.
        router.register("subscribe") { params, context in
            let tag = params?["tag"] ?? .null
            context.connection.onClose { closedConnections.withLock { $0.append(context.connection.id) } }
            for index in 0..<3 {
                context.connection.notify(method: "test.event", params: ["tag": tag, "index": .integer(index)])
            }
            return ["subscription": .string("\(context.connection.id)")]
        }
        try await TestServer.with(router: router) { path in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<4 {
                    group.addTask {
                        try await RPCClient.withConnection(socketPath: path) { client_ in
                            let tag = JSONValue.string("client-\(client)")
                            _ = try await client_.call("subscribe", params: ["tag": tag])
                            var received: [JSONValue] = []
                            for await notification in client_.notifications {
                                #expect(notification.method == "test.event")
                                received.append(notification.params?["tag"] ?? .null)
                                if received.count == 3 { break }
                            }
                            #expect(received == [tag, tag, tag])
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Every connection's close hook ran once its client went away.
            let deadline = ContinuousClock.now + .seconds(5)
            while closedConnections.withLock({ $0.count }) < 4, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(Set(closedConnections.withLock { $0 }).count == 4)
        }
    }

    @Test("a client that stops reading while events pile up is disconnected, not buffered without bound")
    func slowConsumerIsDropped() async throws {
        let router = RPCRouter()
        let outcome = Locked<(dropped: Bool, closed: Bool)>((false, false))
        router.register("flood") { _, context in
            context.connection.onClose { outcome.withLock { $0.closed = true } }
            let chunk = JSONValue.string(String(repeating: "e", count: 4096))
            // Far more than the socket buffer plus the 64 KiB allowance.
            for _ in 0..<4096 where !context.connection.notify(method: "test.event", params: [chunk]) {
                outcome.withLock { $0.dropped = true }
                break
            }
            return nil
        }
        router.register("ping") { _, _ in "pong" }
        try await TestServer.with(router: router, maximumPendingOutboundBytes: 64 * 1024) { path in
            let reader = try LineSocket(path: path)
            try reader.sendLine(#"{"jsonrpc":"2.0","method":"flood","id":1}"#)
            let deadline = ContinuousClock.now + .seconds(5)
            while !outcome.withLock({ $0.dropped && $0.closed }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(outcome.withLock { $0.dropped && $0.closed })
            // Others are still served.
            let answer = try await RPCClient.withConnection(socketPath: path) { client in
                try await client.call("ping")
            }
            #expect(answer == "pong")
        }
    }

    @Test("a client vanishing mid-request does not disturb the others")
    func clientVanishesMidRequest() async throws {
        try await TestServer.with(router: Self.timingRouter(slowDelay: .milliseconds(300))) { path in
            let leaver = try LineSocket(path: path)
            try leaver.sendLine(#"{"jsonrpc":"2.0","method":"slow","id":1}"#)
            try leaver.sendLine(#"{"jsonrpc":"2.0","method":"slow","id":2}"#)
            try await Task.sleep(for: .milliseconds(20))
            leaver.close()
            try await RPCClient.withConnection(socketPath: path) { client in
                for index in 0..<20 {
                    #expect(try await client.call("echo", params: [.integer(index)]) == [.integer(index)])
                }
                // After the vanished client's calls have finished (and failed to write), all is still well.
                #expect(try await client.call("slow") == "slow")
                try await Task.sleep(for: .milliseconds(200))
                #expect(try await client.call("fast") == "fast")
            }
            let answer = try await RPCClient.withConnection(socketPath: path) { client in
                try await client.call("fast")
            }
            #expect(answer == "fast")
        }
    }

    @Test("a client that half-closes still gets its answers (socat style)")
    func halfClosedClient() async throws {
        try await TestServer.with(router: Self.timingRouter(slowDelay: .milliseconds(100))) { path in
            let socket = try LineSocket(path: path)
            try socket.send(#"{"jsonrpc":"2.0","method":"slow","id":1}"#)  // no newline: the last line at EOF
            socket.shutdownWrite()
            #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 1, "result": "slow"])
            #expect(try await socket.readLine() == .eof)
        }
    }

    @Test("a peer with another uid is closed without any reply")
    func peerCredentialRefusal() async throws {
        try await TestServer.with(router: Self.timingRouter(), allowedPeerUID: getuid() &+ 1) { path in
            let socket = try LineSocket(path: path)
            try? socket.sendLine(#"{"jsonrpc":"2.0","method":"fast","id":1}"#)
            #expect(try await socket.readLine() == .eof)
            let error = await #expect(throws: RPCClientError.self) {
                try await RPCClient.withConnection(socketPath: path) { client in try await client.call("fast") }
            }
            #expect(error == .connectionClosed)
        }
    }

    @Test("the socket directory is created 0700 and the socket is 0600")
    func fileModes() async throws {
        try await TestServer.with(router: Self.timingRouter()) { path in
            var status = stat()
            #expect(lstat(path, &status) == 0)
            #expect(status.st_mode & S_IFMT == S_IFSOCK)
            #expect(status.st_mode & 0o777 == 0o600)
            let directory = String(path[..<path.lastIndex(of: "/")!])
            #expect(stat(directory, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o700)
        }
    }

    @Test("a stale socket file is replaced; a live one is not stolen; the file goes away at exit")
    func staleAndLiveSockets() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/d.sock"
            // A socket file whose listener is gone: what a crashed daemon leaves.
            let stale = try ListeningSocket(path: path)
            stale.close()
            #expect(access(path, F_OK) == 0)
            let configuration = RPCServer.Configuration(listener: .socketPath(path))
            try await TestServer.run(configuration: configuration, router: Self.timingRouter()) { _ in
                let answer = try await RPCClient.withConnection(socketPath: path) { client in
                    try await client.call("fast")
                }
                #expect(answer == "fast")
                let second = RPCServer(configuration: configuration, router: RPCRouter(), logger: TestServer.logger)
                let error = await #expect(throws: RPCServerError.self) { try await second.run() }
                #expect(error == .alreadyInUse(path))
            }
            #expect(access(path, F_OK) != 0)
        }
    }

    @Test("a pre-opened listening descriptor is adopted (socket activation)")
    func adoptDescriptor() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/activated.sock"
            let listener = try ListeningSocket(path: path)
            let configuration = RPCServer.Configuration(listener: .adoptedDescriptor(listener.takeDescriptor()))
            try await TestServer.run(configuration: configuration, router: Self.timingRouter()) { reportedPath in
                #expect(reportedPath == nil)
                let answer = try await RPCClient.withConnection(socketPath: path) { client in
                    try await client.call("echo", params: ["adopted": true])
                }
                #expect(answer == ["adopted": true])
            }
        }
    }

    @Test("graceful shutdown lets a call in flight answer, then stops")
    func gracefulShutdown() async throws {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/d.sock"
            let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
            // The shutdown must find the call in flight: wait for its handler to start, not for a
            // fixed time that a loaded machine may not honour.
            let (started, startedContinuation) = AsyncStream<Void>.makeStream()
            let router = RPCRouter()
            router.register("slow") { _, _ in
                startedContinuation.finish()
                try await Task.sleep(for: .milliseconds(300))
                return "slow"
            }
            let server = RPCServer(
                configuration: .init(listener: .socketPath(path)),
                router: router,
                logger: TestServer.logger
            ) { _ in listeningContinuation.finish() }
            let group = ServiceGroup(services: [server], logger: TestServer.logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for await _ in listening {}
                let socket = try LineSocket(path: path)
                try socket.sendLine(#"{"jsonrpc":"2.0","method":"slow","id":1}"#)
                for await _ in started {}
                await group.triggerGracefulShutdown()
                #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 1, "result": "slow"])
                #expect(try await socket.readLine() == .eof)
                try await tasks.waitForAll()
            }
            #expect(access(path, F_OK) != 0)
        }
    }

    @Test("the default socket path follows XDG_RUNTIME_DIR and refuses to guess without it")
    func defaultSocketPath() throws {
        #expect(
            try RPCServer.defaultSocketPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"])
                == "/run/user/1000/dialogue/dialogued.sock"
        )
        #expect(
            try RPCServer.defaultSocketPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000/"])
                == "/run/user/1000/dialogue/dialogued.sock"
        )
        #expect(throws: RPCServerError.runtimeDirectoryUnset) { try RPCServer.defaultSocketPath(environment: [:]) }
        #expect(throws: RPCServerError.runtimeDirectoryUnset) {
            try RPCServer.defaultSocketPath(environment: ["XDG_RUNTIME_DIR": "relative"])
        }
    }

    @Test("a socket path longer than sun_path is refused with a clear error")
    func pathTooLong() async throws {
        let path = "/tmp/" + String(repeating: "p", count: 120) + "/d.sock"
        let server = RPCServer(
            configuration: .init(listener: .socketPath(path)), router: RPCRouter(), logger: TestServer.logger)
        await #expect(throws: RPCServerError.socketPathTooLong(path)) { try await server.run() }
    }
}
