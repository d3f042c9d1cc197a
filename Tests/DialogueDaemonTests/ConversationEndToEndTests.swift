import DialogueRPC
import Foundation
import Testing

@testable import DialogueDaemon

/// Two and three people, each with their own real daemon on a real socket, against one real server.
@Suite(.timeLimit(.minutes(3)))
struct ConversationEndToEndTests {
    @Test func directChatFromSendToSeen() async throws {
        try await withChatUsers(["Ada", "Grace"]) { _, users in
            let (ada, grace) = (users[0], users[1])
            let chat = try await ada.call("conversations.open", ["userId": .string(grace.id)])
            let chatId = try #require(chat["id"]?.stringValue)
            #expect(chat["isGroup"] == false)
            #expect(chat["members"]?.arrayValue?.count == 2)

            // Opening again returns the same conversation, from either side.
            #expect(try await ada.call("conversations.open", ["userId": .string(grace.id)])["id"] == chat["id"])

            let sent = try await ada.call(
                "messages.send", ["conversationId": .string(chatId), "text": "Hello Grace, marker-alpha"])
            let messageId = try #require(sent["id"]?.stringValue)
            #expect(sent["state"] == "pending" || sent["state"] == "sent")
            try await ada.watcher.wait(for: "message.state") {
                $0["id"]?.stringValue == messageId && $0["state"] == "sent"
            }

            let arrived = try await grace.watcher.wait(for: "message.new") { $0["id"]?.stringValue == messageId }
            #expect(arrived["text"] == "Hello Grace, marker-alpha")
            #expect(arrived["senderId"]?.stringValue == ada.id)
            #expect(arrived["seen"] == false)

            // Grace sees the chat with one unread message, and replies.
            let graceChats = try await grace.call("conversations.list").arrayValue ?? []
            #expect(graceChats.first?["id"]?.stringValue == chatId)
            #expect(graceChats.first?["unread"] == 1)
            #expect(graceChats.first?["name"] == "Ada")
            let reply = try await grace.call(
                "messages.send",
                ["conversationId": .string(chatId), "text": "Hi Ada!", "replyTo": .string(messageId)])
            let replyId = try #require(reply["id"]?.stringValue)
            let replyArrived = try await ada.watcher.wait(for: "message.new") { $0["id"]?.stringValue == replyId }
            #expect(replyArrived["replyTo"]?.stringValue == messageId)

            // Reactions toggle, edits and seen marks reach the other side.
            _ = try await grace.call("messages.react", ["messageId": .string(messageId), "emoji": "👍"])
            let reacted = try await ada.watcher.wait(for: "message.reaction") {
                $0["id"]?.stringValue == messageId && $0["reactions"]?.arrayValue?.isEmpty == false
            }
            #expect(reacted["reactions"]?.arrayValue?.first?["emoji"] == "👍")
            #expect(reacted["reactions"]?.arrayValue?.first?["count"] == 1)
            #expect(reacted["reactions"]?.arrayValue?.first?["mine"] == false)

            _ = try await ada.call("messages.edit", ["messageId": .string(messageId), "text": "Hello Grace (edited)"])
            let edited = try await grace.watcher.wait(for: "message.edited") { $0["id"]?.stringValue == messageId }
            #expect(edited["text"] == "Hello Grace (edited)")
            #expect(edited["editedAt"]?.stringValue != nil)

            let read = try await grace.call("conversations.markRead", ["conversationId": .string(chatId)])
            #expect(read["unread"] == 0)
            let seen = try await ada.watcher.wait(for: "message.seen") { $0["id"]?.stringValue == messageId }
            #expect(seen["seen"] == true)

            // Grace may not edit or delete Ada's message.
            let notHers = try await grace.callFailing("messages.edit", ["messageId": .string(messageId), "text": "x"])
            #expect(notHers.reason == .forbidden)

            _ = try await ada.call("messages.delete", ["messageId": .string(messageId)])
            let deleted = try await grace.watcher.wait(for: "message.deleted") { $0["id"]?.stringValue == messageId }
            #expect(deleted["deleted"] == true)
            #expect(deleted["text"] == "")

            // History reads from the cache on both sides, newest last.
            let history = try await grace.messages(chatId)
            #expect(history.map { $0["id"]?.stringValue } == [messageId, replyId])
            #expect(history.first?["deleted"] == true)

            // Search finds the reply, with highlight ranges, and not the deleted message.
            let hits = try await grace.call("messages.search", ["query": "ada"]).arrayValue ?? []
            #expect(hits.count == 1)
            #expect(hits.first?["message"]?["id"]?.stringValue == replyId)
            #expect(hits.first?["highlights"] == [[3, 6]])
            #expect((try await grace.call("messages.search", ["query": "marker-alpha"]).arrayValue ?? []).isEmpty)
        }
    }

    /// The walk of one message reads it from the cache at most once: `messages.send` to the
    /// server's store (the answer and the echo in the event stream both confirm it: one reads,
    /// the other is recognised), and an event from the WebSocket to a subscriber's notification
    /// (a message this device never saw is not looked up).
    @Test func aMessagesWalkReadsItFromTheCacheAtMostOnce() async throws {
        try await withChatUsers(["Ada", "Grace"]) { _, users in
            let (ada, grace) = (users[0], users[1])
            let chat = try await ada.call("conversations.open", ["userId": .string(grace.id)])
            let chatId = try #require(chat["id"]?.stringValue)
            try await grace.watcher.wait(for: "conversation.updated") { $0["id"]?.stringValue == chatId }
            let (adaCache, graceCache) = (try await ada.daemon.cache(), try await grace.daemon.cache())
            let (adaBefore, graceBefore) = (adaCache.messageReads, graceCache.messageReads)

            let hello = try await ada.call("messages.send", ["conversationId": .string(chatId), "text": "hello"])
            try await grace.watcher.wait(for: "message.new") { $0["id"] == hello["id"] }
            #expect(graceCache.messageReads - graceBefore == 0)
            // Grace's answer comes after the echo of Ada's message in Ada's event stream: once Ada
            // has it, both confirmations of her send are behind her.
            let answer = try await grace.call("messages.send", ["conversationId": .string(chatId), "text": "hi"])
            try await ada.watcher.wait(for: "message.new") { $0["id"] == answer["id"] }
            #expect(ada.watcher.events("message.state").filter { $0["id"] == hello["id"] }.count == 1)
            #expect(adaCache.messageReads - adaBefore == 1)
            #expect(try await ada.messages(chatId).map(\.["state"]) == ["sent", "sent"])
        }
    }

    @Test func typingAndPresenceReachTheOtherSide() async throws {
        try await withChatUsers(["Ada", "Grace"]) { _, users in
            let (ada, grace) = (users[0], users[1])
            let chat = try await ada.call("conversations.open", ["userId": .string(grace.id)])
            let chatId = try #require(chat["id"]?.stringValue)
            try await grace.watcher.wait(for: "conversation.updated") { $0["id"]?.stringValue == chatId }

            try await eventually("Grace online for Ada") {
                let list = try await ada.call("presence.list").arrayValue ?? []
                return list.contains { $0["userId"]?.stringValue == grace.id && $0["online"] == true }
            }
            for _ in 0..<3 {
                _ = try await ada.call("typing.update", ["conversationId": .string(chatId), "typing": true])
            }
            let started = try await grace.watcher.wait(for: "typing") { $0["userIds"]?.arrayValue?.isEmpty == false }
            #expect(started["conversationId"]?.stringValue == chatId)
            #expect(started["userIds"] == [.string(ada.id)])
            // No key press for a second: the daemon sends the stop by itself.
            try await grace.watcher.wait(for: "typing") { $0["userIds"]?.arrayValue?.isEmpty == true }
            #expect(grace.watcher.events("typing").count == 2)
        }
    }

    @Test func groupAdminRulesAndARemovedMemberReadsNothingNew() async throws {
        try await withChatUsers(["Ada", "Grace", "Linus"]) { _, users in
            let (ada, grace, linus) = (users[0], users[1], users[2])
            let group = try await ada.call(
                "conversations.createGroup",
                ["name": "Compilers", "memberIds": [.string(grace.id), .string(linus.id)]])
            let groupId = try #require(group["id"]?.stringValue)
            #expect(group["admin"]?.stringValue == ada.id)
            #expect(group["name"] == "Compilers")

            let graceView = try await grace.watcher.wait(for: "conversation.updated") {
                $0["id"]?.stringValue == groupId
            }
            #expect(graceView["name"] == "Compilers")
            #expect(graceView["isGroup"] == true)

            let first = try await grace.call("messages.send", ["conversationId": .string(groupId), "text": "hi all"])
            try await linus.watcher.wait(for: "message.new") { $0["id"] == first["id"] }

            // Only the admin adds, removes, renames and deletes.
            let refused = try await grace.callFailing(
                "conversations.removeMember", ["conversationId": .string(groupId), "memberId": .string(linus.id)])
            #expect(refused.reason == .forbidden)

            _ = try await ada.call(
                "conversations.update", ["conversationId": .string(groupId), "name": "Compiler club"])
            try await linus.watcher.wait(for: "conversation.updated") {
                $0["id"]?.stringValue == groupId && $0["name"] == "Compiler club"
            }

            _ = try await ada.call(
                "conversations.removeMember", ["conversationId": .string(groupId), "memberId": .string(linus.id)])
            try await linus.watcher.wait(for: "conversation.removed") { $0["id"]?.stringValue == groupId }
            try await grace.watcher.wait(for: "conversation.updated") {
                $0["id"]?.stringValue == groupId && $0["members"]?.arrayValue?.count == 2
            }

            let after = try await grace.call(
                "messages.send", ["conversationId": .string(groupId), "text": "secret after removal"])
            try await ada.watcher.wait(for: "message.new") { $0["id"] == after["id"] }
            // Linus's daemon never gets it, and could not open it: no key for the new epoch.
            let linusHistory = try await linus.messages(groupId)
            #expect(linusHistory.map(\.["id"]) == [first["id"]])
            let cannotSend = try await linus.callFailing(
                "messages.send", ["conversationId": .string(groupId), "text": "still here?"])
            #expect(cannotSend.reason == .forbidden)
        }
    }

    @Test func nothingReadableOnDiskOrInTheServerDatabase() async throws {
        let marker = "plaintext-marker-7f3a9"
        try await withChatUsers(["Ada", "Grace"]) { server, users in
            let (ada, grace) = (users[0], users[1])
            let chat = try await ada.call("conversations.open", ["userId": .string(grace.id)])
            let chatId = try #require(chat["id"]?.stringValue)
            for index in 0..<5 {
                let sent = try await ada.call(
                    "messages.send", ["conversationId": .string(chatId), "text": .string("\(marker) number \(index)")])
                try await grace.watcher.wait(for: "message.new") { $0["id"] == sent["id"] }
            }
            let found = try await grace.call("messages.search", ["query": .string(marker), "scope": "all"])
            #expect(found.arrayValue?.count == 5)
            for user in users {
                for file in try Self.files(under: user.daemon.directory.url.appendingPathComponent("data")) {
                    let bytes = try Data(contentsOf: file)
                    #expect(bytes.range(of: Data(marker.utf8)) == nil, "plaintext in \(file.lastPathComponent)")
                }
            }
            for file in try Self.files(under: server.dataDirectory) {
                let bytes = try Data(contentsOf: file)
                #expect(bytes.range(of: Data(marker.utf8)) == nil, "plaintext in server \(file.lastPathComponent)")
            }
        }
    }

    static func files(under directory: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }.filter { url in
            (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }
}
