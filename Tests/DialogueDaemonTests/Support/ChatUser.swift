import DialogueRPC
import Foundation

@testable import DialogueDaemon

/// One person in an end-to-end test: a daemon of their own, signed up on the shared server,
/// with a front end watching their events.
struct ChatUser: Sendable {
    let daemon: TestDaemon
    let id: String
    let watcher: EventWatcher

    static func signUp(
        _ name: String,
        on server: URL,
        in directory: TestDirectory
    ) async throws -> ChatUser {
        let daemon = try await TestDaemon.start(in: directory)
        _ = try await daemon.call("daemon.unlock", ["passphrase": "correct horse battery staple"])
        let account = try await daemon.call(
            "account.signup",
            [
                "server": .string(server.absoluteString), "email": .string("\(name.lowercased())@example.org"),
                "fullname": .string(name), "password": .string("password-\(name)"),
            ])
        let watcher = try await EventWatcher(socket: daemon.paths.socket.path)
        return ChatUser(daemon: daemon, id: account["id"]?.stringValue ?? "", watcher: watcher)
    }

    func call(_ method: String, _ params: JSONValue? = nil) async throws -> JSONValue {
        try await daemon.call(method, params)
    }

    func callFailing(_ method: String, _ params: JSONValue? = nil) async throws -> RPCError {
        try await daemon.callFailing(method, params)
    }

    /// The cached messages of a conversation, newest last.
    func messages(_ conversationId: String) async throws -> [JSONValue] {
        try await call("messages.list", ["conversationId": .string(conversationId)]).arrayValue ?? []
    }

    func stop() async {
        await watcher.stop()
        await daemon.stop()
    }
}

/// Runs `body` with a server and one signed-up user per name, each with their own daemon.
func withChatUsers<T>(
    _ names: [String],
    restartableServer: Bool = false,
    _ body: (TestServer, [ChatUser]) async throws -> T
) async throws -> T {
    try await withTestServer(restartable: restartableServer) { server in
        var directories: [TestDirectory] = []
        var users: [ChatUser] = []
        defer { for directory in directories { directory.remove() } }
        do {
            for name in names {
                let directory = try TestDirectory()
                directories.append(directory)
                users.append(try await ChatUser.signUp(name, on: server.url, in: directory))
            }
            let result = try await body(server, users)
            for user in users { await user.stop() }
            return result
        } catch {
            for user in users { await user.stop() }
            throw error
        }
    }
}
