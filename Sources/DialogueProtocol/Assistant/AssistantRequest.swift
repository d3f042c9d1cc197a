/// `POST /api/auth/chatbot`: the conversation so far (the client keeps the last 15 turns).
public struct AssistantRequest: Codable, Hashable, Sendable {
    public var messages: [AssistantMessage]

    public init(messages: [AssistantMessage]) { self.messages = messages }
}
