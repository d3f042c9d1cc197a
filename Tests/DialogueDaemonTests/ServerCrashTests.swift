import AsyncHTTPClient
import DialogueRPC
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueDaemon

#if canImport(Glibc)
    import Glibc
#endif

/// The server is killed outright in the middle of traffic: no acknowledged message is lost, none
/// arrives twice, and each conversation keeps its order.
@Suite(.timeLimit(.minutes(3)))
struct ServerCrashTests {
    /// Starts the real `dialogue-server` on a fixed port below the ephemeral range, with a fixed
    /// token secret so sessions survive its restart, logging at trace level into `server.log`.
    static func startServer(directory: TestDirectory, port: Int) async throws -> ServerProgram {
        let config = directory.url.appendingPathComponent("server.json")
        let json = """
            {"host": "127.0.0.1", "port": \(port), "dataDir": "\(directory.url.appendingPathComponent("server").path)",
             "jwtSecret": "crash-test-secret-0123456789abcdef0123456789", "bcryptCost": 10}
            """
        try Data(json.utf8).write(to: config)
        return try await ServerProgram.start(
            ["--config", config.path, "--log-level", "trace"],
            log: directory.url.appendingPathComponent("server.log").path)
    }

    @Test func killNineMidTrafficLosesNothingAndDuplicatesNothing() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let port = Int.random(in: 20000..<30000)
        var server = try await Self.startServer(directory: directory, port: port)
        defer { server.kill() }
        var users: [ChatUser] = []
        var directories: [TestDirectory] = []
        defer {
            for user in directories { user.remove() }
        }
        for name in ["Ada", "Grace"] {
            let home = try TestDirectory()
            directories.append(home)
            users.append(try await ChatUser.signUp(name, on: server.url, in: home))
        }
        let (ada, grace) = (users[0], users[1])
        let chat = try await ada.call("conversations.open", ["userId": .string(grace.id)])
        let chatId = try #require(chat["id"]?.stringValue)

        var sent: [String] = []
        for index in 0..<40 {
            if index == 15 {
                server.kill()
            }
            if index == 25 {
                server = try await Self.startServer(directory: directory, port: port)
                _ = try await ada.call("daemon.reconnect")
                _ = try await grace.call("daemon.reconnect")
            }
            let message = try await ada.call(
                "messages.send", ["conversationId": .string(chatId), "text": .string("crash-marker \(index)")])
            sent.append(try #require(message["id"]?.stringValue))
        }
        try await eventually("Grace has all 40 messages", timeout: 60) {
            try await grace.messages(chatId).count >= 40
        }
        let received = try await grace.messages(chatId)
        #expect(received.compactMap { $0["id"]?.stringValue } == sent)
        #expect(received.map(\.["text"]) == (0..<40).map { .string("crash-marker \($0)") })
        try await eventually("Ada's outbox is empty") { try await ada.call("daemon.status")["outboxPending"] == 0 }
        #expect(try await ada.messages(chatId).allSatisfy { $0["state"] == "sent" })
        for user in users { await user.stop() }
        #expect(try await server.terminate() == 0)
        // The server's own log (trace level, both runs) and its database never saw the text.
        let logText = try String(
            contentsOfFile: directory.url.appendingPathComponent("server.log").path, encoding: .utf8)
        #expect(!logText.isEmpty)
        #expect(!logText.contains("crash-marker"))
        for file in try ConversationEndToEndTests.files(under: directory.url.appendingPathComponent("server")) {
            let bytes = try Data(contentsOf: file)
            #expect(bytes.range(of: Data("crash-marker".utf8)) == nil, "plaintext in \(file.lastPathComponent)")
        }
    }
}
