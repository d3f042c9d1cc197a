/// One conversation.
public struct ConversationResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var conversation: Conversation

    public init(conversation: Conversation) {
        self.success = true
        self.conversation = conversation
    }
}
