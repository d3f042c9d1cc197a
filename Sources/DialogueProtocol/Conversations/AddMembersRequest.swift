import DialogueSchema

/// `PUT /api/conversations/add-members` (admin only).
public struct AddMembersRequest: Codable, Hashable, Sendable {
    public var conversationId: String
    public var memberIds: [String]
    public var seq: Int64
    public var deviceId: String
    public var op: Bytes
    /// Whether the signed op shares earlier epochs with the new members (visible to everyone).
    public var shareHistory: Bool?

    public init(
        conversationId: String,
        memberIds: [String],
        seq: Int64,
        deviceId: String,
        op: Bytes,
        shareHistory: Bool? = nil
    ) {
        self.conversationId = conversationId
        self.memberIds = memberIds
        self.seq = seq
        self.deviceId = deviceId
        self.op = op
        self.shareHistory = shareHistory
    }
}

extension AddMembersRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`PUT /api/conversations/add-members` (group admin only)."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "conversationId": .clientId(),
        "memberIds": .array(of: WireSchema.serverId, "At least one user, none already a member."),
        "seq": "The conversation's `opSeq` plus one.",
        "deviceId": .clientId(),
        "op": "The signed ADD op (at most 1 MiB).",
        "shareHistory": "Whether the signed op shares earlier epochs with the new members (visible to everyone).",
    ]
}
