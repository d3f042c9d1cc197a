import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

extension MessageView {
    /// The view front ends see of a cached message: a deleted one shows no text, image or
    /// reactions; `seen` is whether someone read ours, or whether we read theirs.
    /// - Parameter attachmentPath: where the decrypted image is, when it is there.
    init(_ message: CachedMessage, me: String, attachmentPath: String?) {
        var attachment: AttachmentView?
        if let cached = message.attachment, !message.deleted {
            attachment = AttachmentView(
                size: Int(cached.length), mime: cached.mime, width: cached.width.map(Int.init),
                height: cached.height.map(Int.init), name: cached.name, path: attachmentPath)
        }
        self.init(
            id: message.id, conversationId: message.conversationId, senderId: message.senderId,
            text: message.deleted ? "" : message.text,
            reactions: message.reactions.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { emoji, users in
                ReactionView(emoji: emoji, count: users.count, mine: users.contains(me))
            },
            createdAt: WireDate.string(from: message.createdAt), deleted: message.deleted,
            seen: message.senderId == me ? !message.seenBy.isEmpty : message.seen,
            state: MessageView.State(rawValue: message.state.rawValue) ?? .pending, replyTo: message.replyTo,
            editedAt: message.editedAt.map(WireDate.string(from:)), failureReason: message.failureReason,
            attachment: attachment)
    }
}
