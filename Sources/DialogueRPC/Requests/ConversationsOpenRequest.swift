/// `conversations.open`: The direct conversation with a user, created if needed.
package struct ConversationsOpenRequest: LocalRequest {
    package typealias Response = ConversationView
    package static let method = "conversations.open"
    package static let summary = "The direct conversation with a user, created if needed."

    package var userId: String

    package init(userId: String) {
        self.userId = userId
    }
}
