import DialogueSchema

/// `POST /api/conversations/:id/ops`: the ops without a route of their own (REKEY, SET_ROLE).
public struct AppendOpRequest: Codable, Hashable, Sendable {
    public var seq: Int64
    public var type: OpType
    public var deviceId: String
    public var op: Bytes
    /// SET_ROLE: whose role changes.
    public var memberId: String?
    public var role: MemberRole?

    public init(
        seq: Int64,
        type: OpType,
        deviceId: String,
        op: Bytes,
        memberId: String? = nil,
        role: MemberRole? = nil
    ) {
        self.seq = seq
        self.type = type
        self.deviceId = deviceId
        self.op = op
        self.memberId = memberId
        self.role = role
    }
}

extension AppendOpRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/conversations/{id}/ops`: the ops without a route of their own."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "seq": "The conversation's `opSeq` plus one.",
        "type": "Only `rekey` or `set_role`; the others have their own routes.",
        "deviceId": .clientId(),
        "op": "The signed op (at most 1 MiB).",
        "memberId": .serverId("`set_role`: whose role changes."),
        "role": "`set_role`: the new role.",
    ]
}
