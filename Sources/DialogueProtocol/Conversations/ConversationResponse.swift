import DialogueSchema

/// One conversation.
public struct ConversationResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var conversation: Conversation

    public init(conversation: Conversation) {
        self.success = true
        self.conversation = conversation
    }
}

extension ConversationResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "One conversation as the caller sees it."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
