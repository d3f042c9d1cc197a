import DialogueProtocol

/// What a rule needs to know of a conversation the caller is a member of.
struct StoredMembership: Sendable {
    var isGroup: Bool
    var role: String
    var opSeq: Int64
    var epoch: Int64
    var createdAt: Int64

    var isAdmin: Bool { role == MemberRole.admin.rawValue }
}
