import DialogueSchema

/// `POST /api/conversations/create`: a direct chat (exactly one other participant) or a group.
/// The signed CREATE op (seq 0) names the same members.
public struct CreateConversationRequest: Codable, Hashable, Sendable {
    /// Client-generated conversation id (16 random bytes, hex or base64url).
    public var id: String
    public var isGroup: Bool
    /// The other members (the caller is added as creator; admin of a group).
    public var participants: [String]
    public var deviceId: String
    public var op: Bytes
    public var avatarBlobId: String?

    public init(
        id: String,
        isGroup: Bool,
        participants: [String],
        deviceId: String,
        op: Bytes,
        avatarBlobId: String? = nil
    ) {
        self.id = id
        self.isGroup = isGroup
        self.participants = participants
        self.deviceId = deviceId
        self.op = op
        self.avatarBlobId = avatarBlobId
    }
}

extension CreateConversationRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/conversations/create`: a direct chat (exactly one other participant) "
        + "or a group. The signed CREATE op (seq 0) names the same members."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .clientId("Client-generated conversation id (16 random bytes, hex or base64url)."),
        "participants": .array(
            of: WireSchema.serverId, "The other members (the caller is added as creator, and admin of a group)."),
        "deviceId": .clientId(),
        "op": "The signed CREATE op (at most 1 MiB).",
        "avatarBlobId": .serverId("A live blob the caller uploaded."),
    ]
}
