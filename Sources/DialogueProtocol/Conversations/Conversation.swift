import DialogueSchema
import Foundation

/// A direct chat or a group as the server knows it. Names and avatars of groups are encrypted
/// inside the op log; the server only holds the avatar blob's id.
public struct Conversation: Codable, Hashable, Sendable {
    public var id: String
    public var isGroup: Bool
    public var members: [Member]
    /// The admin (groups only): the creator, then the longest-standing member when the admin leaves.
    public var admin: String?
    /// Sequence number of the newest op.
    public var opSeq: Int64
    /// Current epoch (the seq of the newest op that started one); events must carry it.
    public var epoch: Int64
    public var epochStartedAt: Date
    /// Events sent in the current epoch, for the rekey-every-1000-events policy.
    public var epochEvents: Int64
    public var avatarBlobId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var lastMessage: Message?
    /// Messages the caller has not seen.
    public var unread: Int

    public init(
        id: String,
        isGroup: Bool,
        members: [Member],
        admin: String?,
        opSeq: Int64,
        epoch: Int64,
        epochStartedAt: Date,
        epochEvents: Int64,
        avatarBlobId: String?,
        createdAt: Date,
        updatedAt: Date,
        lastMessage: Message?,
        unread: Int
    ) {
        self.id = id
        self.isGroup = isGroup
        self.members = members
        self.admin = admin
        self.opSeq = opSeq
        self.epoch = epoch
        self.epochStartedAt = epochStartedAt
        self.epochEvents = epochEvents
        self.avatarBlobId = avatarBlobId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastMessage = lastMessage
        self.unread = unread
    }
}

extension Conversation: SchemaComponent {
    package static let schemaDescription: String? =
        "A direct chat or a group as the server knows it. Group names and avatar keys are "
        + "encrypted inside the op log; the server only holds the avatar blob's id."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .clientId(),
        "opSeq": .minimum(0, "Sequence number of the newest op."),
        "epoch": .minimum(0, "Current epoch (the seq of the newest op that started one); events must carry it."),
        "epochEvents": .minimum(0, "Events sent in the current epoch, for the rekey-every-1000-events policy."),
        "unread": .minimum(0, "Messages the caller has not seen."),
        "admin": .serverId(
            "The admin (groups only): the creator, then the longest-standing member when the admin leaves."),
        "avatarBlobId": .serverId(),
    ]
}
