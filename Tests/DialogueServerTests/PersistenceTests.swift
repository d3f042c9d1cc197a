import DialogueProtocol
import DialogueTestSupport
import Foundation
import Testing

@Suite("Durability across restarts and crashes")
struct PersistenceTests {
    @Test func aKilledServerLosesNoAcknowledgedMessage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try await ServerProgram.start(directory: directory.url)
        defer { first.process.stop() }
        let proxy = PortOnly(port: first.port)
        let ann = try await Fixtures.signup(proxy.server, name: "Ann")
        let ben = try await Fixtures.signup(proxy.server, name: "Ben")
        let direct = try await Fixtures.createDirect(ann, with: ben)

        // Four senders keep going; the server is killed while requests are in flight.
        let acknowledged = Locked<[String]>([])
        let senders = Task {
            try? await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        for index in 0..<1000 {
                            let id = "w\(worker)-\(index)-\(UUID().uuidString.prefix(8))"
                            let reply = try await Fixtures.sendRaw(ann, to: direct.id, id: id)
                            if reply.status == .created { acknowledged.withLock { $0.append(id) } }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        while acknowledged.withLock({ $0.count }) < 200 { try await Task.sleep(for: .milliseconds(5)) }
        first.kill()
        await senders.value
        let acked = acknowledged.withLock { $0 }
        #expect(acked.count >= 200)

        let second = try await ServerProgram.start(directory: directory.url)
        defer { second.process.stop() }
        let restarted = PortOnly(port: second.port).server
        let annAgain = TestUser(
            user: ann.user, token: ann.token, api: restarted.api(token: ann.token), deviceId: ann.deviceId)
        var stored: [Message] = []
        var before: String?
        repeat {
            let query = "?limit=200" + (before.map { "&before=\($0)" } ?? "")
            let page = try await Fixtures.history(annAgain, direct.id, query: query)
            stored = page.messages + stored
            before = page.nextBefore
        } while before != nil
        let storedIds = stored.map(\.id)
        #expect(Set(storedIds).count == storedIds.count, "a message was stored twice")
        #expect(Set(acked).isSubset(of: Set(storedIds)), "acknowledged messages were lost")
        // Each sender's messages keep their order.
        for worker in 0..<4 {
            let mine = storedIds.filter { $0.hasPrefix("w\(worker)-") }.map { Int($0.split(separator: "-")[1]) ?? -1 }
            #expect(mine == mine.sorted())
        }
        let check = try await PragmaCheck.integrity(of: directory.url)
        #expect(check == "ok")
    }
}

/// A server in another process, known by its port.
struct PortOnly {
    let port: Int
    var server: TestServerAddress { TestServerAddress(port: port) }
}
