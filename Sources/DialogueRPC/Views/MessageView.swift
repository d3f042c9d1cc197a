/// The message object every `messages.*` method and `message.*` notification carries, the one
/// description of it (front ends decode this type; `rpc.discover` describes it).
package struct MessageView: Codable, Sendable, Equatable {
    /// Where an outgoing message is: queued, acknowledged by the server, or given up on.
    package enum State: String, Codable, Sendable, CaseIterable {
        case pending, sent, failed
    }

    package var id: String
    package var conversationId: String
    package var senderId: String
    /// Empty once deleted.
    package var text: String
    /// Each emoji with its count and whether this account is among those who chose it, by emoji.
    package var reactions: [ReactionView]
    package var createdAt: String
    package var deleted: Bool
    /// For an own message: seen by someone else; for a received one: seen here.
    package var seen: Bool
    package var state: State
    package var replyTo: String?
    package var editedAt: String?
    /// Why a `failed` message was given up on.
    package var failureReason: String?
    /// Absent once deleted.
    package var attachment: AttachmentView?

    package init(
        id: String, conversationId: String, senderId: String, text: String, reactions: [ReactionView],
        createdAt: String, deleted: Bool, seen: Bool, state: State, replyTo: String? = nil, editedAt: String? = nil,
        failureReason: String? = nil, attachment: AttachmentView? = nil
    ) {
        self.id = id
        self.conversationId = conversationId
        self.senderId = senderId
        self.text = text
        self.reactions = reactions
        self.createdAt = createdAt
        self.deleted = deleted
        self.seen = seen
        self.state = state
        self.replyTo = replyTo
        self.editedAt = editedAt
        self.failureReason = failureReason
        self.attachment = attachment
    }
}
