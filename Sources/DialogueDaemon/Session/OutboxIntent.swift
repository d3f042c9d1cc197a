import DialogueStore
import Foundation

/// What an outbox item asks the sender to do, sealed at rest with the outbox cipher. Encryption
/// happens when it is sent, in the epoch current then, so an item queued offline survives rekeys.
struct OutboxIntent: Codable, Sendable {
    enum Kind: String, Codable, Sendable {
        case send, edit, delete, react, markRead
    }

    var kind: Kind
    var conversationId: String
    /// The message sent, or the message an edit, delete, reaction or read mark refers to.
    var messageId: String
    /// The event id of an edit, delete or reaction (its retry key).
    var eventId: String?
    var text: String?
    var replyTo: String?
    var emoji: String?
    var on: Bool?
    var attachment: CachedAttachment?
}
