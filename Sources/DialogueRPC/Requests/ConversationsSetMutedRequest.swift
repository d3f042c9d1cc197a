/// `conversations.setMuted`: Mute or unmute desktop notifications for a conversation.
package struct ConversationsSetMutedRequest: LocalRequest {
    package typealias Response = ConversationView
    package static let method = "conversations.setMuted"
    package static let summary = "Mute or unmute desktop notifications for a conversation."

    package var conversationId: String
    package var muted: Bool

    package init(conversationId: String, muted: Bool) {
        self.conversationId = conversationId
        self.muted = muted
    }
}
