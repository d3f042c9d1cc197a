import DialogueRPC
import Foundation

@testable import DialogueCLI

/// A chat model filled the way the daemon fills it: Ada (u1) with a direct chat with Bob (c3)
/// and a group (c1), at a fixed `now`.
enum ChatFixture {
    static let now = Date(timeIntervalSince1970: 1_795_780_800)

    static func time(_ secondsAgo: Double) -> JSONValue {
        .string(now.addingTimeInterval(-secondsAgo).formatted(Date.ISO8601FormatStyle()))
    }

    static func message(
        _ id: String, in conversation: String = "c3", from sender: String = "u2", _ text: String, ago: Double = 60,
        extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "conversationId": .string(conversation), "senderId": .string(sender),
            "text": .string(text), "reactions": [], "createdAt": time(ago), "deleted": false, "seen": true,
            "state": "sent",
        ]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    /// A notification as the chat's loop hands it on: read as the daemon's typed event.
    static func notification(_ method: String, _ params: JSONValue) -> ChatEvent {
        do {
            guard let event = try LocalEvent(RPCNotification(method: method, params: params)) else {
                fatalError("\(method) is no event type")
            }
            return .notification(event)
        } catch {
            return .unreadableNotification(method: method)
        }
    }

    static let conversations: JSONValue = [
        [
            "id": "c3", "isGroup": false, "name": "Bob Stone", "members": ["u1", "u2"], "unread": 0, "muted": false,
            "removed": false,
            "lastMessage": message("m2", from: "u1", "Yes, setting up the chat.", ago: 540),
        ],
        [
            "id": "c1", "isGroup": true, "name": "Team", "members": ["u1", "u2", "u3"], "unread": 2, "muted": false,
            "removed": false,
            "lastMessage": message("g1", in: "c1", from: "u3", "Standup moved to 10:00", ago: 3600),
        ],
    ]

    static let history: JSONValue = [
        message("m1", "Hi Ada, are you there?", ago: 600),
        message("m2", from: "u1", "Yes, setting up the chat.", ago: 540),
    ]

    static let account: JSONValue = [
        "id": "u1", "email": "ada@example.org", "fullname": "Ada Lovelace", "bio": "",
        "server": "http://127.0.0.1:5000",
    ]

    /// Signed in, people and conversations known, nothing open.
    static func loaded() -> ChatModel {
        var model = ChatModel()
        _ = model.reduce(.response(.me, .success(account)))
        _ = model.reduce(
            .response(
                .users,
                .success([
                    ["id": "u2", "fullname": "Bob Stone", "bio": "", "online": true, "lastSeen": nil, "unread": 0],
                    [
                        "id": "u3", "fullname": "Cleo Park", "bio": "", "online": false, "lastSeen": time(300),
                        "unread": 0,
                    ],
                ])))
        _ = model.reduce(
            .response(
                .status,
                .success([
                    "version": "0.1.0", "locked": false, "account": account, "connection": ["state": "online"],
                    "outboxPending": 0, "cache": ["messages": 3, "conversations": 2, "bytes": 0],
                ])))
        _ = model.reduce(.response(.conversations, .success(conversations)))
        return model
    }

    /// ``loaded()`` with Bob's chat open, its history in, and the composer focused.
    static func open() -> ChatModel {
        var model = loaded()
        _ = model.reduce(.key(.enter))
        _ = model.reduce(.response(.messages(conversationID: "c3", older: false), .success(history)))
        return model
    }

    /// Applies keys and returns every effect they produced.
    static func press(_ model: inout ChatModel, _ keys: [ChatKey]) -> [ChatEffect] {
        keys.flatMap { model.reduce(.key($0)) }
    }

    static func typed(_ text: String) -> [ChatKey] {
        text.map { ChatKey.character($0) }
    }

    /// The calls among `effects`.
    static func calls(_ effects: [ChatEffect]) -> [ChatRequest] {
        effects.compactMap { effect in
            guard case .call(let request) = effect else { return nil }
            return request
        }
    }
}
