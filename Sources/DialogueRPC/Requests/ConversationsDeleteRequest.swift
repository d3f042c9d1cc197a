/// `conversations.delete`: Delete a group (admin only).
package struct ConversationsDeleteRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "conversations.delete"
    package static let summary = "Delete a group (admin only)."

    package var conversationId: String

    package init(conversationId: String) {
        self.conversationId = conversationId
    }
}
