import DialogueSchema

/// `GET /api/conversations/list`, newest activity first.
public struct ConversationsResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var conversations: [Conversation]

    public init(conversations: [Conversation]) {
        self.success = true
        self.conversations = conversations
    }
}

extension ConversationsResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "The caller's conversations, newest activity first."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
