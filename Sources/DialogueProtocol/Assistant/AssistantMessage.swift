import DialogueSchema

/// One turn of an assistant conversation, in the OpenAI chat-completions shape.
public struct AssistantMessage: Codable, Hashable, Sendable {
    /// `user` or `assistant` from clients; the server adds its own `system` prompt.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

extension AssistantMessage: SchemaComponent {
    package static let schemaDescription: String? =
        "One turn, in the OpenAI chat-completions shape; the server adds its own system prompt."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "role": SchemaRefinement(
            .string(values: ["user", "assistant"]), "A plain string in Swift; the server accepts only these two."),
        "content": "At most 16000 characters by default.",
    ]
}
