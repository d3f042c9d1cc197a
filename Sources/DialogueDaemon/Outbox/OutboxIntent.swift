import DialogueStore
import Foundation

/// What an outbox item asks the sender to do, sealed at rest with the outbox cipher. Encryption
/// happens when it is sent, in the epoch current then, so an item queued offline survives rekeys.
///
/// Each change carries its own event id (the retry key the server deduplicates on); a send's is
/// the message id. The stored form is the flat object earlier versions wrote (see
/// `OutboxIntent+Codable.swift`), so items queued before an upgrade still go out.
enum OutboxIntent: Sendable {
    case send(conversationId: String, messageId: String, text: String, replyTo: String?, attachment: CachedAttachment?)
    case edit(conversationId: String, messageId: String, eventId: String, text: String)
    case delete(conversationId: String, messageId: String, eventId: String)
    case react(conversationId: String, messageId: String, eventId: String, emoji: String, on: Bool)
    /// Everything up to `upTo` seen, at the server.
    case markRead(conversationId: String, upTo: String)

    var conversationId: String {
        switch self {
        case .send(let id, _, _, _, _), .edit(let id, _, _, _), .delete(let id, _, _), .react(let id, _, _, _, _),
            .markRead(let id, _):
            id
        }
    }

    /// The kind the outbox table records beside the sealed payload.
    var kind: String {
        switch self {
        case .send: "send"
        case .edit: "edit"
        case .delete: "delete"
        case .react: "react"
        case .markRead: "markRead"
        }
    }
}
