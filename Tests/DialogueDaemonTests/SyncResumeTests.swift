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
}
