import Foundation

/// A decrypted message as the daemon keeps it (sealed at rest) and front ends see it.
package struct CachedMessage: Codable, Hashable, Sendable {
    package enum State: String, Codable, Sendable {
        /// In the outbox, not yet acknowledged by the server.
        case pending
        case sent
        /// Retrying cannot fix it; `failureReason` says why.
        case failed
    }

    package var id: String
    package var conversationId: String
    package var senderId: String
    package var text: String
    package var attachmentPath: String?
    package var replyTo: String?
    package var createdAt: Date
    package var editedAt: Date?
    package var deleted: Bool
    package var seen: Bool
    package var state: State
    package var failureReason: String?
    /// Emoji → the users whose reaction is on, in the order they reacted.
    package var reactions: [String: [String]] = [:]
    /// Users other than the sender who have seen the message.
    package var seenBy: [String] = []
    /// The encrypted attachment's descriptor (its key included), sealed with the rest of the row.
    package var attachment: CachedAttachment?

    package init(
        id: String,
        conversationId: String,
        senderId: String,
        text: String,
        attachmentPath: String? = nil,
        replyTo: String? = nil,
        createdAt: Date,
        editedAt: Date? = nil,
        deleted: Bool = false,
        seen: Bool = false,
        state: State = .sent,
        failureReason: String? = nil
    ) {
        self.id = id
        self.conversationId = conversationId
        self.senderId = senderId
        self.text = text
        self.attachmentPath = attachmentPath
        self.replyTo = replyTo
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.deleted = deleted
        self.seen = seen
        self.state = state
        self.failureReason = failureReason
    }
}
