import DialogueSchema

/// `DELETE /api/conversations/delete` (group admin only).
public struct DeleteConversationRequest: Codable, Hashable, Sendable {
    public var conversationId: String

    public init(conversationId: String) { self.conversationId = conversationId }
}

extension DeleteConversationRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`DELETE /api/conversations/delete` (group admin only)."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "conversationId": .clientId()
    ]
}
