import DialogueRPC
import Foundation
import Testing

@testable import DialogueDaemon

/// The sync cursor moves only after an event is applied: an apply that fails because the server
/// went away mid-way is applied when the daemon is back, not skipped.
@Suite(.timeLimit(.minutes(2)))
struct SyncResumeTests {
    @Test func anEventWhoseApplyFailedIsAppliedAfterReconnecting() async throws {
        try await withTestServer { server in
            let proxy = try await FaultyProxy.start(upstream: server.url)
            let adaDirectory = try TestDirectory()
            let graceDirectory = try TestDirectory()
            defer {
                adaDirectory.remove()
                graceDirectory.remove()
            }
            // Ada reaches the server only through the proxy; Grace directly.
            let ada = try await ChatUser.signUp("Ada", on: proxy.url, in: adaDirectory)
            let grace = try await ChatUser.signUp("Grace", on: server.url, in: graceDirectory)
            do {
                try await eventually("Ada is online") {
                    try await ada.call("daemon.status")["connection"]?["state"] == "online"
                }
                // Ada has never fetched Grace's keys: applying the new conversation's event fetches
                // them, and that is the moment the server becomes unreachable.
                proxy.arm(trippingOn: "GET /api/keys/")
                let chat = try await grace.call("conversations.open", ["userId": .string(ada.id)])
                let chatId = try #require(chat["id"]?.stringValue)
                let hello = try await grace.call(
                    "messages.send", ["conversationId": .string(chatId), "text": "hello through the outage"])
                try await eventually("the proxy cut Ada off during the key fetch") { proxy.trips == 1 }
                try await ada.watcher.wait(for: "connection") { $0["state"] == "offline" }
                #expect(ada.watcher.events("conversation.updated").allSatisfy { $0["id"]?.stringValue != chatId })

                proxy.restore()
                _ = try await ada.call("daemon.reconnect")
                // The conversation's own event is applied after the reconnect (its notification is
                // what a front end adds the chat to its list on), then the message.
                try await ada.watcher.wait(for: "conversation.updated") { $0["id"]?.stringValue == chatId }
                try await ada.watcher.wait(for: "message.new") { $0["id"] == hello["id"] }
                let messages = try await ada.messages(chatId)
                #expect(messages.map(\.["text"]) == ["hello through the outage"])
                #expect(try await ada.call("conversations.list").arrayValue?.count == 1)
            } catch {
                await ada.stop()
                await grace.stop()
                await proxy.stop()
                throw error
            }
            await ada.stop()
            await grace.stop()
            await proxy.stop()
        }
    }

    /// A backlog is applied in batches saved in one transaction: when an event in the middle cannot
    /// be applied (the server goes away during its key fetch), the events before it are saved with
    /// their cursor, and it and those after it are applied after reconnecting.
    @Test func theEventsBeforeAFailedOneInABacklogAreSaved() async throws {
        try await withTestServer { server in
            let proxy = try await FaultyProxy.start(upstream: server.url)
            let directories = try (0..<3).map { _ in try TestDirectory() }
            defer { for directory in directories { directory.remove() } }
            var ada = try await ChatUser.signUp("Ada", on: proxy.url, in: directories[0])
            let grace = try await ChatUser.signUp("Grace", on: server.url, in: directories[1])
            let lin = try await ChatUser.signUp("Lin", on: server.url, in: directories[2])
            func stopAll() async {
                for user in [ada, grace, lin] { await user.stop() }
                await proxy.stop()
            }
            do {
                let chat = try await grace.call("conversations.open", ["userId": .string(ada.id)])
                let chatId = try #require(chat["id"]?.stringValue)
                func send(_ text: String, as user: ChatUser, in id: String) async throws {
                    _ = try await user.call("messages.send", ["conversationId": .string(id), "text": .string(text)])
                }
                try await send("one", as: grace, in: chatId)
                try await eventually("Ada has Grace's first message") { try await ada.messages(chatId).count == 1 }

                // While Ada's daemon is down, a backlog forms: two messages from Grace, whose keys
                // Ada has, then a chat from Lin, whose keys she must fetch, then one more.
                await ada.stop()
                try await send("two", as: grace, in: chatId)
                try await send("three", as: grace, in: chatId)
                let linChat = try await lin.call("conversations.open", ["userId": .string(ada.id)])
                let linChatId = try #require(linChat["id"]?.stringValue)
                try await send("from Lin", as: lin, in: linChatId)
                try await send("four", as: grace, in: chatId)

                proxy.arm(trippingOn: "GET /api/keys/")
                let daemon = try await TestDaemon.start(in: directories[0])
                _ = try await daemon.call("daemon.unlock", ["passphrase": "correct horse battery staple"])
                ada = ChatUser(
                    daemon: daemon, id: ada.id, watcher: try await EventWatcher(socket: daemon.paths.socket.path))
                try await eventually("the proxy cut Ada off during Lin's key fetch") { proxy.trips == 1 }
                try await eventually("the messages before Lin's chat are saved") {
                    try await ada.messages(chatId).map(\.["text"]) == ["one", "two", "three"]
                }
                #expect(try await ada.call("conversations.list").arrayValue?.count == 1)

                proxy.restore()
                _ = try await ada.call("daemon.reconnect")
                try await eventually("the rest of the backlog is applied") {
                    try await ada.messages(chatId).map(\.["text"]) == ["one", "two", "three", "four"]
                }
                #expect(try await ada.messages(linChatId).map(\.["text"]) == ["from Lin"])
                #expect(try await ada.call("conversations.list").arrayValue?.count == 2)
            } catch {
                await stopAll()
                throw error
            }
            await stopAll()
        }
    }
}
