import DialogueSchema
import Foundation

/// Which messages a user has now seen in one conversation.
public struct SeenReceipt: Codable, Hashable, Sendable {
    public var conversationId: String
    public var userId: String
    /// Only the messages this call newly marked.
    public var messageIds: [String]
    public var seenAt: Date

    public init(conversationId: String, userId: String, messageIds: [String], seenAt: Date) {
        self.conversationId = conversationId
        self.userId = userId
        self.messageIds = messageIds
        self.seenAt = seenAt
    }
}

extension SeenReceipt: SchemaComponent {
    package static let schemaDescription: String? =
        "Which messages a user has now seen in one conversation."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "conversationId": .clientId(),
        "userId": .serverId(),
        "messageIds": .array(of: WireSchema.clientId, "Only the messages this call newly marked."),
    ]
}
