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

    /// A one-line preview: the text, "[image]", or "message deleted".
    var preview: String {
        if deleted { return "message deleted" }
        let line = ChatText.sanitized(text)
        if line.isEmpty { return hasAttachment ? "[image]" : "" }
        return hasAttachment ? "[image] " + line : line
    }
}
