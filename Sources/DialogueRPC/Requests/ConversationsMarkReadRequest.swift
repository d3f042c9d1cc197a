/// `conversations.markRead`: Mark messages seen up to a message (default: the newest).
package struct ConversationsMarkReadRequest: LocalRequest {
    package typealias Response = ReadStateView
    package static let method = "conversations.markRead"
    package static let summary = "Mark messages seen up to a message (default: the newest)."

    package var conversationId: String
    package var upTo: String?

    package init(conversationId: String, upTo: String? = nil) {
        self.conversationId = conversationId
        self.upTo = upTo
    }
}
