/// `conversations.leave`: Leave a group.
package struct ConversationsLeaveRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "conversations.leave"
    package static let summary = "Leave a group."

    package var conversationId: String

    package init(conversationId: String) {
        self.conversationId = conversationId
    }
}
