import DialogueRPC
import DialogueStore
import Foundation

/// The objects front ends see, built from the session's state: every seam that changes a message
/// or a conversation shows it through these.
extension AccountSession {
    func messageView(_ message: CachedMessage) -> MessageView {
        MessageView(message, me: me, attachmentPath: message.deleted ? nil : blobs.attachmentPath(for: message))
    }

    func conversationView(_ id: String) -> ConversationView? {
        book.view(
            id, me: me, tally: tally, name: displayName, lastMessage: messageView, avatarURL: blobs.groupAvatarURL)
    }

    /// Tells front ends a conversation changed (nothing when it is gone).
    func publishConversation(_ id: String) async {
        if let view = conversationView(id) { await publish(.conversationUpdated(view)) }
    }

    /// The view of a conversation a change just went through; missing only if it was deleted meanwhile.
    func changedConversationView(_ id: String) throws(DaemonError) -> ConversationView {
        guard let view = conversationView(id) else { throw DaemonError(.notFound, "No conversation \(id)") }
        return view
    }
}
