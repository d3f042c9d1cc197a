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
