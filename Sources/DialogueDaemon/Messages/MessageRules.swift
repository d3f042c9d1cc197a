import DialogueCrypto
import DialogueStore
import Foundation

/// What a message change must satisfy before it is queued: who may edit, delete or react, the
/// 15-minute edit window and the size of a text.
///
/// Pure, so the rules are tested without a cache or a server; receivers check the edit rules again
/// when they open the event (`EditRules` in `DialogueCrypto`).
enum MessageRules {
    /// Edits are allowed this long after sending.
    static let editWindow: TimeInterval = 15 * 60

    /// A new message: some text or an attachment, and no more text than an event carries.
    static func checkNew(text: String, hasAttachment: Bool) throws(DaemonError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || hasAttachment else {
            throw DaemonError(.invalidInput, "A message needs text or an attachment")
        }
        try checkLength(text)
    }

    /// An edit: of one's own text message, not deleted, within the edit window, to a non-empty text.
    static func checkEdit(of message: CachedMessage, to text: String, me: String, now: Date) throws(DaemonError) {
        guard message.senderId == me else { throw DaemonError(.forbidden, "You can only edit your own messages") }
        guard !message.deleted else { throw DaemonError(.forbidden, "A deleted message cannot be edited") }
        guard message.attachment == nil else { throw DaemonError(.forbidden, "Messages with images cannot be edited") }
        guard now.timeIntervalSince(message.createdAt) <= editWindow else {
            throw DaemonError(.forbidden, "Messages can only be edited within 15 minutes of sending")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DaemonError(.invalidInput, "An edit needs text")
        }
        try checkLength(text)
    }

    /// A delete: of one's own message, or of anyone's by a group admin.
    static func checkDelete(of message: CachedMessage, me: String, isAdmin: Bool) throws(DaemonError) {
        guard message.senderId == me || isAdmin else {
            throw DaemonError(.forbidden, "You can only delete your own messages")
        }
    }

    /// A reaction: one emoji, on a message that is not deleted.
    static func checkReaction(_ emoji: String, on message: CachedMessage) throws(DaemonError) {
        guard !emoji.isEmpty, emoji.utf8.count <= 64, emoji.count <= 2 else {
            throw DaemonError(.invalidInput, "A reaction is one emoji")
        }
        guard !message.deleted else { throw DaemonError(.forbidden, "A deleted message cannot get reactions") }
    }

    private static func checkLength(_ text: String) throws(DaemonError) {
        guard text.utf8.count <= EventPlaintext.maxBodyBytes else {
            throw DaemonError(.invalidInput, "A message may have at most \(EventPlaintext.maxBodyBytes) bytes of text")
        }
    }
}
