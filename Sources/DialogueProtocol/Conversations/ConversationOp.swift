import DialogueSchema
import Foundation

/// One entry of a conversation's operation log: the visible roster change the server applies,
/// and the signed op bytes that clients verify.
public struct ConversationOp: Codable, Hashable, Sendable {
    public var conversationId: String
    /// Position in the log; CREATE is 0 and each op is exactly one more than the previous.
    public var seq: Int64
    public var type: OpType
    public var authorId: String
    public var authorDeviceId: String
    /// The members this op adds or removes, or whose role it sets.
    public var memberIds: [String]
    public var role: MemberRole?
    public var shareHistory: Bool
    /// The signed, canonical op; opaque to the server.
    public var op: Bytes
    public var createdAt: Date

    public init(
        conversationId: String,
        seq: Int64,
        type: OpType,
        authorId: String,
        authorDeviceId: String,
        memberIds: [String],
        role: MemberRole?,
        shareHistory: Bool,
        op: Bytes,
        createdAt: Date
    ) {
        self.conversationId = conversationId
        self.seq = seq
        self.type = type
        self.authorId = authorId
        self.authorDeviceId = authorDeviceId
        self.memberIds = memberIds
        self.role = role
        self.shareHistory = shareHistory
        self.op = op
        self.createdAt = createdAt
    }
}

extension ConversationOp: SchemaComponent {
    package static let schemaDescription: String? =
        "One entry of a conversation's operation log: the visible roster change the "
        + "server applied, and the signed op bytes that clients verify."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "conversationId": .clientId(),
        "seq": .minimum(0, "Position in the log; `create` is 0 and each op is exactly one more than the previous."),
        "authorId": .serverId(),
        "authorDeviceId": .clientId(),
        "memberIds": .array(of: WireSchema.serverId, "The members this op adds or removes, or whose role it sets."),
        "op": "The signed, canonical op; opaque to the server.",
    ]
}
