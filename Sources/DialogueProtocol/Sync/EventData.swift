import DialogueSchema

/// The payload of a logged event; which fields are set depends on its ``EventType``.
///
/// Message events carry the message as it is *now* (a deleted message arrives wiped even when
/// the event predates the delete), so the log never keeps ciphertext a delete removed.
public struct EventData: Codable, Hashable, Sendable {
    public var conversationId: String?
    public var messageId: String?
    public var message: Message?
    public var reaction: Reaction?
    public var reactionId: String?
    public var receipt: SeenReceipt?
    public var op: ConversationOp?
    public var userId: String?
    public var user: User?
    public var deviceId: String?
    public var mailboxItemId: String?

    public init(
        conversationId: String? = nil,
        messageId: String? = nil,
        message: Message? = nil,
        reaction: Reaction? = nil,
        reactionId: String? = nil,
        receipt: SeenReceipt? = nil,
        op: ConversationOp? = nil,
        userId: String? = nil,
        user: User? = nil,
        deviceId: String? = nil,
        mailboxItemId: String? = nil
    ) {
        self.conversationId = conversationId
        self.messageId = messageId
        self.message = message
        self.reaction = reaction
        self.reactionId = reactionId
        self.receipt = receipt
        self.op = op
        self.userId = userId
        self.user = user
        self.deviceId = deviceId
        self.mailboxItemId = mailboxItemId
    }
}

extension EventData: SchemaComponent {
    package static let schemaDescription: String? =
        "The payload of a logged event; which properties are present depends on its type "
        + "(see `GET /api/ws`). Message events carry the message as it is now, so a deleted "
        + "message arrives wiped."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "conversationId": .clientId(),
        "messageId": .clientId("Present in replayed events; live ones carry `message` only."),
        "reactionId": .clientId("Present in replayed events; live ones carry `reaction` only."),
        "userId": .serverId(),
        "deviceId": .clientId(),
        "mailboxItemId": .serverId(),
    ]
}
