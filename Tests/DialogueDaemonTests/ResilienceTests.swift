import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueDaemon

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing lost: the server going away, the daemon being killed with messages in its outbox.
@Suite(.timeLimit(.minutes(3)))
struct ResilienceTests {
    @Test func offlineTheDaemonReadsSearchesAndQueuesThenCatchesUp() async throws {
        try await withChatUsers(["Ada", "Grace"], restartableServer: true) { server, users in
            let (ada, grace) = (users[0], users[1])
            let chat = try await ada.call("conversations.open", ["userId": .string(grace.id)])
            let chatId = try #require(chat["id"]?.stringValue)
            let before = try await ada.call(
                "messages.send", ["conversationId": .string(chatId), "text": "before the outage"])
            try await grace.watcher.wait(for: "message.new") { $0["id"] == before["id"] }

            await server.stop(keepingData: true)
            try await ada.watcher.wait(for: "connection") { $0["state"] == "offline" }
            let status = try await ada.call("daemon.status")
            #expect(status["connection"]?["state"] != "online")

            // Reads and search come from the cache; sends queue durably.
            #expect(try await ada.messages(chatId).count == 1)
            #expect(try await ada.call("conversations.list").arrayValue?.count == 1)
            #expect(try await ada.call("messages.search", ["query": "outage"]).arrayValue?.count == 1)
            var queued: [String] = []
            for index in 0..<3 {
                let sent = try await ada.call(
                    "messages.send", ["conversationId": .string(chatId), "text": .string("queued \(index)")])
                #expect(sent["state"] == "pending")
                queued.append(try #require(sent["id"]?.stringValue))
            }
            #expect(try await ada.call("daemon.status")["outboxPending"] == 3)
            #expect(try await ada.messages(chatId).map(\.["state"]) == ["sent", "pending", "pending", "pending"])

            let restarted = try await TestServer.start(reusing: server)
            defer { Task { await restarted.stop() } }
            _ = try await ada.call("daemon.reconnect")
            _ = try await grace.call("daemon.reconnect")
            try await eventually("Grace has every queued message") {
                let ids = try await grace.messages(chatId).compactMap { $0["id"]?.stringValue }
                return Set(queued).isSubset(of: Set(ids))
            }
            let graceIds = try await grace.messages(chatId).compactMap { $0["id"]?.stringValue }
            #expect(graceIds == [try #require(before["id"]?.stringValue)] + queued)
            try await eventually("Ada's outbox is empty") {
                try await ada.call("daemon.status")["outboxPending"] == 0
            }
            #expect(try await ada.messages(chatId).allSatisfy { $0["state"] == "sent" })
            await restarted.stop(keepingData: true)
        }
    }

    @Test func killedWithAFullOutboxEachMessageArrivesExactlyOnce() async throws {
        try await withChatUsers(["Grace"], restartableServer: true) { server, users in
            let grace = users[0]
            let directory = try TestDirectory()
            defer { directory.remove() }
            let paths = try directory.paths()
            // Debug logging on, into a file the test reads at the end: no message text may appear.
            let log = directory.url.appendingPathComponent("dialogued.log").path
            try FileManager.default.createDirectory(
                at: paths.configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("[log]\nlevel = \"trace\"\n".utf8).write(to: paths.configFile)
            let arguments = [
                "--socket", paths.socket.path, "--data-dir", paths.dataDirectory.path,
                "--config", paths.configFile.path,
            ]
            let dialogued = try BuiltProgram.path("dialogued")
            var daemon = try ChildProcess(dialogued, arguments, stderr: log, appending: true)
            let client = try await RealDaemon.connect(paths.socket.path)
            _ = try await client.call("daemon.unlock", ["passphrase": "a real passphrase"])
            let account = try await client.call(
                "account.signup",
                [
                    "server": .string(server.url.absoluteString), "email": "ada@example.org", "fullname": "Ada",
                    "password": "password-ada",
                ])
            let adaId = try #require(account["id"]?.stringValue)
            let chat = try await client.call("conversations.open", ["userId": .string(grace.id)])
            let chatId = try #require(chat["id"]?.stringValue)

            // The server goes away, three messages queue, and the daemon is killed outright.
            await server.stop(keepingData: true)
            var queued: [String] = []
            for index in 0..<3 {
                let sent = try await client.call(
                    "messages.send", ["conversationId": .string(chatId), "text": .string("survives-marker \(index)")])
                queued.append(try #require(sent["id"]?.stringValue))
            }
            daemon.signal(SIGKILL)
            #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 128 + SIGKILL)

            let restarted = try await TestServer.start(reusing: server)
            daemon = try ChildProcess(dialogued, arguments, stderr: log, appending: true)
            _ = try await RealDaemon.connect(paths.socket.path)
            _ = try await client.call("daemon.unlock", ["passphrase": "a real passphrase"])
            _ = try await grace.call("daemon.reconnect")
            try await eventually("Grace has the three messages") {
                let ids = try await grace.messages(chatId).compactMap { $0["id"]?.stringValue }
                return ids.count >= 3
            }
            let received = try await grace.messages(chatId)
            #expect(received.compactMap { $0["id"]?.stringValue } == queued)
            #expect(received.allSatisfy { $0["senderId"]?.stringValue == adaId })
            #expect(received.map(\.["text"]) == ["survives-marker 0", "survives-marker 1", "survives-marker 2"])
            try await eventually("the outbox is empty") { try await client.call("daemon.status")["outboxPending"] == 0 }
            let cache = paths.dataDirectory.appendingPathComponent("cache.sqlite").path
            #expect(try await OffPool.run { try Self.integrityCheck(cache) } == "ok")
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
            let logText = try String(contentsOfFile: log, encoding: .utf8)
            #expect(logText.contains("session started"), "the log was written")
            #expect(!logText.contains("survives-marker"), "message text in the daemon's log")
            #expect(!logText.contains("a real passphrase"), "the passphrase in the daemon's log")
            await restarted.stop(keepingData: true)
        }
    }

    /// `PRAGMA integrity_check` through the sqlite3 command, reading the file as a stranger would.
    static func integrityCheck(_ path: String) throws -> String {
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, "PRAGMA integrity_check;"]
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Calls into a daemon running as its own process.
struct RealDaemon: Sendable {
    let socket: String

    /// Waits until the socket answers `daemon.status`.
    static func connect(_ socket: String) async throws -> RealDaemon {
        let daemon = RealDaemon(socket: socket)
        try await eventually("the daemon's socket answers") {
            (try? await daemon.call("daemon.status")) != nil
        }
        return daemon
    }

    func call(_ method: String, _ params: JSONValue? = nil) async throws -> JSONValue {
        try await RPCClient.withConnection(socketPath: socket) { client in
            try await client.call(method, params: params)
        }
    }
}
