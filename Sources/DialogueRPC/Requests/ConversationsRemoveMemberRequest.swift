/// `conversations.removeMember`: Remove a member from a group (admin only).
package struct ConversationsRemoveMemberRequest: LocalRequest {
    package typealias Response = MemberRemovalResult
    package static let method = "conversations.removeMember"
    package static let summary = "Remove a member from a group (admin only)."

    package var conversationId: String
    package var memberId: String

    package init(conversationId: String, memberId: String) {
        self.conversationId = conversationId
        self.memberId = memberId
    }
}
