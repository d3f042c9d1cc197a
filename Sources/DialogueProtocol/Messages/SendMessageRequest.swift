import DialogueSchema

/// `POST /api/messages/send/:conversationId`.
public struct SendMessageRequest: Codable, Hashable, Sendable {
    /// Client-generated id; sending again with the same id stores once and returns the same message.
    public var id: String
    public var deviceId: String
    /// Must equal the conversation's current epoch.
    public var epoch: Int64
    public var envelope: Bytes
    public var blobIds: [String]?

    public init(id: String, deviceId: String, epoch: Int64, envelope: Bytes, blobIds: [String]? = nil) {
        self.id = id
        self.deviceId = deviceId
        self.epoch = epoch
        self.envelope = envelope
        self.blobIds = blobIds
    }
}

extension SendMessageRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/messages/send/{id}`."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .clientId("Sending again with the same id stores once and returns the same message."),
        "deviceId": .clientId(),
        "epoch": "Must equal the conversation's current epoch.",
        "envelope": "The signed, encrypted message event (at most 64 KiB by default).",
        "blobIds": .array(
            of: WireSchema.serverId, "Live blobs the sender uploaded (at most 10 by default; duplicates count once)."),
    ]
}
