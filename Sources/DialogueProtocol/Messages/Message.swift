import DialogueSchema
import Foundation

/// A message as the server stores it: opaque signed envelopes plus the few fields
/// `spec/e2ee.md` lets the server see (sender, epoch, referenced blobs, times).
public struct Message: Codable, Hashable, Sendable {
    /// Client-generated id (the event id of the message event); retries reuse it.
    public var id: String
    public var conversationId: String
    public var senderId: String
    public var senderDeviceId: String
    public var epoch: Int64
    /// The signed, encrypted event; `nil` once the message is deleted.
    public var envelope: Bytes?
    /// Encrypted attachment blobs the message references; empty once deleted.
    public var blobIds: [String]
    /// Server receive time: the start of the 15-minute edit window.
    public var createdAt: Date
    public var editedAt: Date?
    /// The latest signed edit event, if any.
    public var editEnvelope: Bytes?
    public var deleted: Bool
    public var deletedAt: Date?
    public var deletedBy: String?
    /// The signed delete event, when the deleting client sent one.
    public var deleteEnvelope: Bytes?
    public var reactions: [Reaction]
    /// Users other than the sender who have marked this message seen.
    public var seenBy: [String]

    public init(
        id: String,
        conversationId: String,
        senderId: String,
        senderDeviceId: String,
        epoch: Int64,
        envelope: Bytes?,
        blobIds: [String],
        createdAt: Date,
        editedAt: Date? = nil,
        editEnvelope: Bytes? = nil,
        deleted: Bool = false,
        deletedAt: Date? = nil,
        deletedBy: String? = nil,
        deleteEnvelope: Bytes? = nil,
        reactions: [Reaction] = [],
        seenBy: [String] = []
    ) {
        self.id = id
        self.conversationId = conversationId
        self.senderId = senderId
        self.senderDeviceId = senderDeviceId
        self.epoch = epoch
        self.envelope = envelope
        self.blobIds = blobIds
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.editEnvelope = editEnvelope
        self.deleted = deleted
        self.deletedAt = deletedAt
        self.deletedBy = deletedBy
        self.deleteEnvelope = deleteEnvelope
        self.reactions = reactions
        self.seenBy = seenBy
    }
}

extension Message: SchemaComponent {
    package static let schemaDescription: String? =
        "A message as the server stores it: opaque signed envelopes plus the few fields "
        + "the server may see (sender, epoch, referenced blobs, times)."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .clientId("The event id of the message event; retries reuse it."),
        "conversationId": .clientId(),
        "senderId": .serverId(),
        "senderDeviceId": .clientId(),
        "epoch": .minimum(0, "The conversation epoch the envelope is encrypted under."),
        "blobIds": .array(
            of: WireSchema.serverId, "Encrypted attachment blobs the message references; empty once deleted."),
        "createdAt": "Server receive time: the start of the 15-minute edit window.",
        "reactions": "Empty once deleted.",
        "seenBy": .array(of: WireSchema.serverId, "Users other than the sender who have marked this message seen."),
        "envelope": "The signed, encrypted event; absent once the message is deleted.",
        "editEnvelope": "The latest signed edit event, if any.",
        "deletedBy": .serverId(),
        "deleteEnvelope": "The signed delete event, when the deleting client sent one.",
    ]
}
