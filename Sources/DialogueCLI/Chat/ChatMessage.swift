import DialogueRPC
import Foundation

/// A message as the chat shows it, read from the daemon's message object (spec/rpc.md).
struct ChatMessage: Sendable, Equatable {
    /// One emoji's reactions: how many, and whether one of them is this account's.
    struct Reaction: Sendable, Equatable {
        var emoji: String
        var count: Int
        var mine: Bool
    }

    var id: String
    var conversationID: String
    var senderID: String
    var text: String
    var hasAttachment: Bool
    var replyTo: String?
    var reactions: [Reaction]
    var createdAt: Date?
    var edited: Bool
    var deleted: Bool
    var seen: Bool
    /// `pending` (in the outbox), `sent` or `failed`.
    var state: String

    init(
        id: String, conversationID: String, senderID: String, text: String, hasAttachment: Bool = false,
        replyTo: String? = nil, reactions: [Reaction] = [], createdAt: Date? = nil, edited: Bool = false,
        deleted: Bool = false, seen: Bool = false, state: String = "sent"
    ) {
        self.id = id
        self.conversationID = conversationID
        self.senderID = senderID
        self.text = text
        self.hasAttachment = hasAttachment
        self.replyTo = replyTo
        self.reactions = reactions
        self.createdAt = createdAt
        self.edited = edited
        self.deleted = deleted
        self.seen = seen
        self.state = state
    }

    /// Reads a message object; `nil` when it has no id or conversation (`conversationID` stands in
    /// for a missing one, as in a conversation's `lastMessage`).
    init?(json: JSONValue, conversationID fallback: String? = nil) {
        guard let id = json["id"]?.stringValue,
            let conversationID = json["conversationId"]?.stringValue ?? fallback
        else {
            return nil
        }
        self.init(
            id: id, conversationID: conversationID, senderID: json["senderId"]?.stringValue ?? "",
            text: json["text"]?.stringValue ?? "",
            hasAttachment: json["attachment"].map { !$0.isNull } ?? false,
            replyTo: json["replyTo"]?.stringValue,
            reactions: (json["reactions"]?.arrayValue ?? []).compactMap { reaction in
                guard let emoji = reaction["emoji"]?.stringValue else { return nil }
                return Reaction(
                    emoji: emoji, count: reaction["count"]?.integerValue ?? 1,
                    mine: reaction["mine"]?.boolValue ?? false)
            },
            createdAt: json["createdAt"]?.stringValue.flatMap(RelativeTime.parse),
            edited: json["editedAt"].map { !$0.isNull } ?? false,
            deleted: json["deleted"]?.boolValue ?? false,
            seen: json["seen"]?.boolValue ?? false,
            state: json["state"]?.stringValue ?? "sent")
    }

    /// A one-line preview: the text, "[image]", or "message deleted".
    var preview: String {
        if deleted { return "message deleted" }
        let line = ChatText.sanitized(text)
        if line.isEmpty { return hasAttachment ? "[image]" : "" }
        return hasAttachment ? "[image] " + line : line
    }
}
