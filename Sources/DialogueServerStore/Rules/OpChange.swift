import DialogueProtocol

/// One op to append, with the visible roster change the server applies and checks.
package struct OpChange: Sendable {
    package var conversationId: String
    package var authorId: String
    package var authorDeviceId: String
    package var seq: Int64
    package var type: OpType
    package var memberIds: [String]
    package var role: MemberRole?
    package var shareHistory: Bool
    package var op: Bytes
    /// `update-info` sets a new avatar; the op itself is a REKEY carrying the encrypted metadata.
    package var avatarBlobId: String?
    /// Only admins may make this change (update-info).
    package var requiresAdmin: Bool

    package init(
        conversationId: String,
        authorId: String,
        authorDeviceId: String,
        seq: Int64,
        type: OpType,
        memberIds: [String] = [],
        role: MemberRole? = nil,
        shareHistory: Bool = false,
        op: Bytes,
        avatarBlobId: String? = nil,
        requiresAdmin: Bool = false
    ) {
        self.conversationId = conversationId
        self.authorId = authorId
        self.authorDeviceId = authorDeviceId
        self.seq = seq
        self.type = type
        self.memberIds = memberIds
        self.role = role
        self.shareHistory = shareHistory
        self.op = op
        self.avatarBlobId = avatarBlobId
        self.requiresAdmin = requiresAdmin
    }
}
