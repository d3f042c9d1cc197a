/// `conversations.addMembers`: Add members to a group (admin only).
package struct ConversationsAddMembersRequest: LocalRequest {
    package typealias Response = ConversationView
    package static let method = "conversations.addMembers"
    package static let summary = "Add members to a group (admin only)."

    package var conversationId: String
    package var memberIds: [String]

    package init(conversationId: String, memberIds: [String]) {
        self.conversationId = conversationId
        self.memberIds = memberIds
    }
}
