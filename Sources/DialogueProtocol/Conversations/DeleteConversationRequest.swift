/// `DELETE /api/conversations/delete` (group admin only).
public struct DeleteConversationRequest: Codable, Hashable, Sendable {
    public var conversationId: String

    public init(conversationId: String) { self.conversationId = conversationId }
}
