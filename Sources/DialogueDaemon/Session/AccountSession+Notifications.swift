import DialogueStore
import Foundation

/// Desktop notifications for messages from others: not for muted conversations, not for the one a
/// front end has open, and never with more than the sender's name and the text.
extension AccountSession {
    /// - Parameter count: how many new messages of the conversation `message` is the newest of.
    func notifyDesktop(_ message: CachedMessage, among count: Int = 1) async {
        guard let desktopNotifier, book.records[message.conversationId]?.muted != true,
            await !broadcaster.isOpen(message.conversationId)
        else { return }
        let sender = displayName(message.senderId)
        let title =
            book.records[message.conversationId].flatMap { $0.isGroup ? "\(sender) in \($0.name ?? "a group")" : nil }
            ?? sender
        let body = message.attachment != nil && message.text.isEmpty ? "Sent an image" : message.text
        await desktopNotifier(title, count > 1 ? "\(count) new messages. The latest: \(body)" : body)
    }

    /// Installs the desktop notifier.
    package func setDesktopNotifier(_ notifier: (@Sendable (String, String) async -> Void)?) {
        desktopNotifier = notifier
    }
}
