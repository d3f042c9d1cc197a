import DialogueSchema

/// The kinds of entry in a user's event log.
public enum EventType: String, Codable, Hashable, Sendable, CaseIterable {
    case messageNew = "message.new"
    case messageEdited = "message.edited"
    case messageDeleted = "message.deleted"
    case messageReaction = "message.reaction"
    case messageSeen = "message.seen"
    case conversationCreated = "conversation.created"
    case conversationUpdated = "conversation.updated"
    case conversationRemoved = "conversation.removed"
    case conversationDeleted = "conversation.deleted"
    case userUpdated = "user.updated"
    case keysUpdated = "keys.updated"
    case devicePending = "device.pending"
    case deviceBundle = "device.bundle"
}

extension EventType: SchemaDescribing, SchemaComponent {
    package static let schemaDescription: String? = "The kinds of entry in a user's event log."
}
