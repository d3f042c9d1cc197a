import DialogueSchema

/// `PUT /api/conversations/update-info` (admin only): the new name and avatar key travel
/// encrypted in the op (a REKEY carrying new metadata); the avatar blob id is visible.
public struct UpdateInfoRequest: Codable, Hashable, Sendable {
    public var conversationId: String
    public var seq: Int64
    public var deviceId: String
    public var op: Bytes
    public var avatarBlobId: String?

    public init(conversationId: String, seq: Int64, deviceId: String, op: Bytes, avatarBlobId: String? = nil) {
        self.conversationId = conversationId
        self.seq = seq
        self.deviceId = deviceId
        self.op = op
        self.avatarBlobId = avatarBlobId
    }
}

extension UpdateInfoRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`PUT /api/conversations/update-info` (group admin only): the new name and avatar "
        + "key travel encrypted in the op (a REKEY carrying new metadata); the avatar blob "
        + "id is visible."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "conversationId": .clientId(),
        "seq": "The conversation's `opSeq` plus one.",
        "deviceId": .clientId(),
        "op": "The signed REKEY op (at most 1 MiB).",
        "avatarBlobId": .serverId("A live blob the caller uploaded."),
    ]
}
