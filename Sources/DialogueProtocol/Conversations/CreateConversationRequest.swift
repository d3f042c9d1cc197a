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
