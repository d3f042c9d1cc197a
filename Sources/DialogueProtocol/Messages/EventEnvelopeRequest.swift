import DialogueSchema

/// The body of an edit, a reaction, or (optionally) a delete: one signed event aimed at a message.
public struct EventEnvelopeRequest: Codable, Hashable, Sendable {
    /// Client-generated event id; a retry with the same id is stored once.
    public var id: String
    public var deviceId: String
    public var epoch: Int64
    public var envelope: Bytes

    public init(id: String, deviceId: String, epoch: Int64, envelope: Bytes) {
        self.id = id
        self.deviceId = deviceId
        self.epoch = epoch
        self.envelope = envelope
    }
}

extension EventEnvelopeRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "The body of an edit, a reaction, or (optionally) a delete: one signed event aimed at a message."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .clientId("Client-generated event id; a retry with the same id is stored once."),
        "deviceId": .clientId(),
        "epoch": "Must equal the conversation's current epoch.",
        "envelope": "At most 64 KiB by default.",
    ]
}
