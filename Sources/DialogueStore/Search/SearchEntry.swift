import Foundation

/// One message as the search index sees it: only what matching, ordering and filtering need.
package struct SearchEntry: Hashable, Sendable {
    package var messageId: String
    package var conversationId: String
    package var text: String
    /// Orders results and picks the recent window (newest `createdAt` first, then the larger id).
    package var createdAt: Date
    /// A deleted message leaves the index, as it leaves the conversation view.
    package var deleted: Bool

    package init(messageId: String, conversationId: String, text: String, createdAt: Date, deleted: Bool = false) {
        self.messageId = messageId
        self.conversationId = conversationId
        self.text = text
        self.createdAt = createdAt
        self.deleted = deleted
    }

    package init(_ message: CachedMessage) {
        self.init(
            messageId: message.id,
            conversationId: message.conversationId,
            text: message.text,
            createdAt: message.createdAt,
            deleted: message.deleted
        )
    }
}
