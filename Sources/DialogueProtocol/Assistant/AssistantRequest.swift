import DialogueSchema

/// `POST /api/auth/chatbot`: the conversation so far (the client keeps the last 15 turns).
public struct AssistantRequest: Codable, Hashable, Sendable {
    public var messages: [AssistantMessage]

    public init(messages: [AssistantMessage]) { self.messages = messages }
}

extension AssistantRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/auth/chatbot`: the conversation so far, oldest first, ending with the user's question."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "messages": "At most 50 by default."
    ]
}
