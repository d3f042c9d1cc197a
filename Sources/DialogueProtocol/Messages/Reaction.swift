import DialogueSchema
import Foundation

/// One reaction event. The emoji and whether it toggles on or off are inside the envelope;
/// clients fold them last-writer-wins per (user, emoji).
public struct Reaction: Codable, Hashable, Sendable {
    public var id: String
    public var messageId: String
    public var userId: String
    public var deviceId: String
    public var epoch: Int64
    public var envelope: Bytes
    public var createdAt: Date

    public init(
        id: String,
        messageId: String,
        userId: String,
        deviceId: String,
        epoch: Int64,
        envelope: Bytes,
        createdAt: Date
    ) {
        self.id = id
        self.messageId = messageId
        self.userId = userId
        self.deviceId = deviceId
        self.epoch = epoch
        self.envelope = envelope
        self.createdAt = createdAt
    }
}

extension Reaction: SchemaComponent {
    package static let schemaDescription: String? =
        "One reaction event. The emoji and whether it toggles on or off are inside the "
        + "envelope; clients fold them last-writer-wins per (user, emoji)."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .clientId(),
        "messageId": .clientId(),
        "userId": .serverId(),
        "deviceId": .clientId(),
        "epoch": .minimum(0),
    ]
}
