/// `conversations.update`: Rename a group or change its avatar (admin only).
package struct ConversationsUpdateRequest: LocalRequest {
    package typealias Response = ConversationView
    package static let method = "conversations.update"
    package static let summary = "Rename a group or change its avatar (admin only)."

    package var conversationId: String
    package var name: String?
    package var avatarPath: String?

    package init(conversationId: String, name: String? = nil, avatarPath: String? = nil) {
        self.conversationId = conversationId
        self.name = name
        self.avatarPath = avatarPath
    }
}
