import DialogueSchema

/// `PUT /api/conversations/remove-member`: an admin removes someone, or anyone removes
/// themselves (leave).
public struct RemoveMemberRequest: Codable, Hashable, Sendable {
    public var conversationId: String
    public var memberId: String
    public var seq: Int64
    public var deviceId: String
    public var op: Bytes

    public init(conversationId: String, memberId: String, seq: Int64, deviceId: String, op: Bytes) {
        self.conversationId = conversationId
        self.memberId = memberId
        self.seq = seq
        self.deviceId = deviceId
        self.op = op
    }
}

extension RemoveMemberRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`PUT /api/conversations/remove-member`: the admin removes someone, or a member "
        + "names themselves to leave."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "conversationId": .clientId(),
        "memberId": .serverId("Another member (REMOVE, admin only) or the caller (LEAVE)."),
        "seq": "The conversation's `opSeq` plus one.",
        "deviceId": .clientId(),
        "op": "The signed REMOVE or LEAVE op (at most 1 MiB).",
    ]
}
