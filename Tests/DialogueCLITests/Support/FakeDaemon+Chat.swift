import DialogueRPC
import DialogueRPCTransport
import Foundation
import Synchronization

/// The fake daemon as the interactive chat sees it: an unlocked, signed-in account (Ada) with a
/// direct conversation with Bob and a group, history to show, and Bob answering every message.
extension FakeDaemon {
    /// What the chat scenario's daemon does; each call's params are recorded for assertions.
    static func chatRouter(calls: ChatCalls = ChatCalls()) -> RPCRouter {
        let router = RPCRouter()
        let sent = Mutex(0)
        let ada = "u1"
        let bob = "u2"
        @Sendable func time(_ secondsAgo: Double) -> JSONValue {
            .string(Date().addingTimeInterval(-secondsAgo).formatted(.iso8601))
        }
        @Sendable func message(_ id: String, _ conversation: String, _ sender: String, _ text: String, ago: Double)
            -> JSONValue
        {
            [
                "id": .string(id), "conversationId": .string(conversation), "senderId": .string(sender),
                "text": .string(text), "reactions": [], "createdAt": time(ago), "deleted": false, "seen": true,
                "state": "sent",
            ]
        }
        let history: [String: JSONValue] = [
            "c3": [
                message("h1", "c3", bob, "Hi Ada, are you there?", ago: 600),
                message("h2", "c3", ada, "Yes, just setting up the terminal chat.", ago: 540),
            ],
            "c1": [message("h3", "c1", "u3", "Standup moved to 10:00", ago: 3600)],
        ]
        router.register("daemon.status") { params, _ in
            calls.record("daemon.status", params)
            return [
                "version": "0.1.0-fake", "locked": false,
                "account": [
                    "id": .string(ada), "email": "ada@example.org", "fullname": "Ada Lovelace", "bio": "",
                    "server": "http://127.0.0.1:5000",
                ],
                "connection": ["state": "online", "server": "http://127.0.0.1:5000"], "outboxPending": 0,
                "cache": ["messages": 3, "conversations": 2, "bytes": 0],
            ]
        }
        router.register("account.me") { params, _ in
            calls.record("account.me", params)
            return ["id": .string(ada), "email": "ada@example.org", "fullname": "Ada Lovelace", "bio": ""]
        }
        router.register("users.list") { params, _ in
            calls.record("users.list", params)
            return [
                ["id": .string(bob), "fullname": "Bob Stone", "bio": "", "online": true, "lastSeen": nil, "unread": 0],
                ["id": "u3", "fullname": "Cleo Park", "bio": "", "online": false, "lastSeen": time(300), "unread": 1],
            ]
        }
        router.register("presence.list") { params, _ in
            calls.record("presence.list", params)
            return [
                ["userId": .string(bob), "online": true, "lastSeen": nil],
                ["userId": "u3", "online": false, "lastSeen": time(300)],
            ]
        }
        router.register("conversations.list") { params, _ in
            calls.record("conversations.list", params)
            return [
                [
                    "id": "c3", "isGroup": false, "name": "Bob Stone", "members": [.string(ada), .string(bob)],
                    "unread": 0, "muted": false, "removed": false,
                    "lastMessage": history["c3"]?.arrayValue?.last ?? nil,
                ],
                [
                    "id": "c1", "isGroup": true, "name": "Team", "members": [.string(ada), .string(bob), "u3"],
                    "unread": 1, "muted": false, "removed": false,
                    "lastMessage": history["c1"]?.arrayValue?.last ?? nil,
                ],
            ]
        }
        router.register("messages.list") { params, _ in
            calls.record("messages.list", params)
            // One page holds everything: an older page is empty.
            if params?["before"]?.stringValue != nil { return [] }
            return history[params?["conversationId"]?.stringValue ?? ""] ?? []
        }
        router.register("conversations.markRead") { params, _ in
            calls.record("conversations.markRead", params)
            return [:]
        }
        router.register("typing.update") { params, _ in
            calls.record("typing.update", params)
            return [:]
        }
        router.register("events.subscribe") { params, _ in
            calls.record("events.subscribe", params)
            return ["subscription": "s1"]
        }
        router.register("messages.send") { params, context in
            calls.record("messages.send", params)
            let conversation = params?["conversationId"]?.stringValue ?? "c3"
            let text = params?["text"]?.stringValue ?? ""
            let number = sent.withLock { count in
                count += 1
                return count
            }
            let id = "s\(number)"
            var mine = message(id, conversation, ada, text, ago: 0).objectValue ?? [:]
            mine["state"] = "pending"
            mine["seen"] = false
            var delivered = mine
            delivered["state"] = "sent"
            var reply = message("r\(number)", conversation, bob, "Got it: " + text, ago: 0).objectValue ?? [:]
            reply["replyTo"] = .string(id)
            reply["seen"] = false
            let (state, answer) = (JSONValue.object(delivered), JSONValue.object(reply))
            let connection = context.connection
            Task {
                // The server takes it, Bob starts typing, then Bob's reply arrives.
                try? await Task.sleep(for: .milliseconds(100))
                _ = connection.notify(method: "message.state", params: state)
                _ = connection.notify(
                    method: "typing", params: ["conversationId": .string(conversation), "userIds": [.string(bob)]])
                try? await Task.sleep(for: .milliseconds(200))
                _ = connection.notify(method: "message.new", params: answer)
                _ = connection.notify(
                    method: "typing", params: ["conversationId": .string(conversation), "userIds": []])
            }
            return .object(mine)
        }
        router.register("bot.ask") { params, context in
            calls.record("bot.ask", params)
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
        router.register("bot.history") { params, _ in
            calls.record("bot.history", params)
            return []
        }
        return router
    }
}
