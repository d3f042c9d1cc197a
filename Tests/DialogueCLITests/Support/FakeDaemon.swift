import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Logging
import Synchronization

/// A real ``RPCServer`` on a real Unix socket answering like a small daemon, for end-to-end runs
/// of the CLI when the real `dialogued` is not built (and for methods it does not have yet).
enum FakeDaemon {
    static let passphrase = "correct horse"

    /// Serves on `DIR/d.sock` for the length of `body`.
    static func with<Result: Sendable>(_ body: @Sendable (_ socketPath: String) async throws -> Result) async throws
        -> Result
    {
        try await with(router: Self.router(), body)
    }

    /// Serves `router` (the default fake, or another scenario such as ``chatRouter()``) on `DIR/d.sock`.
    static func with<Result: Sendable>(
        router: RPCRouter, _ body: @Sendable (_ socketPath: String) async throws -> Result
    ) async throws -> Result {
        let directory = try TemporaryDirectory(prefix: "dcli")
        let path = directory.path + "/d.sock"
        var logger = Logger(label: "dialogue.cli.test")
        logger.logLevel = .critical
        let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
        let server = RPCServer(configuration: .init(listener: .socketPath(path)), router: router, logger: logger) { _ in
            listeningContinuation.yield()
            listeningContinuation.finish()
        }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            var iterator = listening.makeAsyncIterator()
            _ = await iterator.next()
            let result = try await body(path)
            group.cancelAll()
            while (try? await group.next()) != nil {}
            return result
        }
    }

    private static func router() -> RPCRouter {
        let locked = LockedFlag()
        let router = RPCRouter()
        @Sendable func requireUnlocked() throws {
            if locked.value.withLock({ $0 }) { throw RPCError.locked() }
        }
        router.register("daemon.status") { _, _ in
            [
                "version": "0.1.0-fake", "locked": .bool(locked.value.withLock { $0 }), "account": nil,
                "connection": ["state": "offline", "server": nil], "outboxPending": 0,
                "cache": ["messages": 0, "conversations": 2, "bytes": 0],
            ]
        }
        router.register("daemon.unlock") { params, _ in
            guard params?["passphrase"]?.stringValue == passphrase else {
                throw RPCError.forbidden("Wrong passphrase")
            }
            locked.value.withLock { $0 = false }
            return ["created": true]
        }
        router.register("daemon.lock") { _, _ in
            locked.value.withLock { $0 = true }
            return [:]
        }
        router.register("account.me") { _, _ in
            try requireUnlocked()
            throw RPCError.notSignedIn()
        }
        router.register("conversations.list") { _, _ in
            try requireUnlocked()
            return [
                [
                    "id": "c1", "isGroup": true, "name": "Team", "members": ["u1", "u2"], "unread": 0, "muted": false,
                    "removed": false,
                ],
                [
                    "id": "c2", "isGroup": true, "name": "Team Leads", "members": ["u1"], "unread": 0, "muted": false,
                    "removed": false,
                ],
            ]
        }
        router.register("users.list") { _, _ in
            try requireUnlocked()
            return [["id": "u2", "fullname": "Bob Stone", "bio": "", "online": true, "lastSeen": nil, "unread": 0]]
        }
        router.register("conversations.open") { params, _ in
            try requireUnlocked()
            guard params?["userId"]?.stringValue == "u2" else { throw RPCError.notFound("No such user") }
            return [
                "id": "c3", "isGroup": false, "name": "Bob Stone", "members": ["u1", "u2"], "unread": 0, "muted": false,
                "removed": false,
            ]
        }
        router.register("messages.send") { params, _ in
            try requireUnlocked()
            if params?["text"]?.stringValue == "offline please" { throw RPCError.offline() }
            return [
                "id": "m1", "conversationId": params?["conversationId"] ?? .null, "senderId": "u1",
                "text": params?["text"] ?? .null, "reactions": [], "createdAt": "2026-11-27T00:00:00Z",
                "deleted": false, "seen": false, "state": "pending",
            ]
        }
        router.register("events.subscribe") { _, context in
            let connection = context.connection
            Task {
                try? await Task.sleep(for: .milliseconds(100))
                _ = connection.notify(
                    method: "typing", params: ["conversationId": "c1", "userIds": ["u2"]])
                _ = connection.notify(
                    method: "message.new",
                    params: [
                        "id": "m7", "conversationId": "c1", "senderId": "u2", "text": "Hello from Bob",
                        "reactions": [], "createdAt": "2026-11-27T00:00:00Z", "deleted": false, "seen": false,
                        "state": "sent",
                    ])
            }
            return ["subscription": "s1"]
        }
        router.register("bot.ask") { _, context in
            let connection = context.connection
            Task {
                try? await Task.sleep(for: .milliseconds(50))
                for text in ["Keys stay ", "on your ", "devices."] {
                    _ = connection.notify(method: "bot.token", params: ["requestId": "r1", "text": .string(text)])
                }
                _ = connection.notify(method: "bot.done", params: ["requestId": "r1"])
            }
            return ["requestId": "r1"]
        }
        router.register("messages.edit") { _, _ in
            try requireUnlocked()
            throw RPCError.forbidden("The 15-minute edit window has passed")
        }
        return router
    }
}

/// The fake daemon's lock state, shared by its handlers.
private final class LockedFlag: Sendable {
    let value = Mutex(true)
}
