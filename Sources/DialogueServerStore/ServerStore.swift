import DialogueProtocol
import Foundation

/// Everything the server keeps, behind one protocol so that SQLite (one machine) and PostgreSQL
/// (several instances) are interchangeable.
///
/// Every mutating call is atomic: the change and the event-log entries it causes commit together,
/// and only then does the call return (an acknowledged write is durable). Rule checks that need the
/// stored state (membership, admin, the edit window, op sequence) happen inside that same
/// transaction, with `now` supplied by the caller so tests control time.
///
/// Every call throws only ``ServerStoreError``: a refused rule by its kind, and a failing database
/// as ``ServerStoreError/Kind/unavailable`` with the database's own error kept as the cause.
package protocol ServerStore: Sendable {
    /// A short name for `/api/health` ("sqlite").
    var kind: String { get }

    // MARK: Accounts
    func createUser(_ user: NewUser, now: Date) async throws(ServerStoreError) -> User
    func user(id: String) async throws(ServerStoreError) -> User?
    /// The stored credentials for login; `nil` when no account has this e-mail.
    func credentials(email: String) async throws(ServerStoreError) -> (user: User, passwordHash: String)?
    func updateProfile(userId: String, change: UpdateProfileRequest, now: Date) async throws(ServerStoreError) -> User
    /// Sidebar rows for every other user, with unread counts, in a constant number of queries.
    /// Every other user, or with `email` only the one whose address it is (any case): people can be
    /// found by an address they already know, without the server handing out everyone's.
    func sidebar(for userId: String, online: Set<String>, email: String?) async throws(ServerStoreError)
        -> [SidebarUser]
    func setLastSeen(userId: String, at: Date) async throws(ServerStoreError)

    // MARK: Conversations
    func createConversation(_ request: CreateConversationRequest, creator: String, now: Date)
        async throws(ServerStoreError) -> Conversation
    func conversations(for userId: String) async throws(ServerStoreError) -> [Conversation]
    func conversation(id: String, for userId: String) async throws(ServerStoreError) -> Conversation
    /// Appends an op after checking `seq == current + 1` and the visible roster rules.
    func appendOp(_ op: OpChange, now: Date) async throws(ServerStoreError) -> Conversation
    func deleteConversation(id: String, by userId: String, now: Date) async throws(ServerStoreError)
    func ops(conversationId: String, since: Int64, for userId: String) async throws(ServerStoreError)
        -> [ConversationOp]
    /// Current members, for typing relay.
    func memberIds(conversationId: String) async throws(ServerStoreError) -> [String]

    // MARK: Messages
    /// Stores a message once per id; a retry returns the stored message unchanged.
    func sendMessage(
        conversationId: String,
        senderId: String,
        request: SendMessageRequest,
        limits: MessageLimits,
        now: Date
    ) async throws(ServerStoreError) -> Message
    func history(conversationId: String, for userId: String, before: String?, limit: Int) async throws(ServerStoreError)
        -> (messages: [Message], nextBefore: String?)
    func recentMessages(for userId: String, limit: Int) async throws(ServerStoreError) -> [Message]
    func markSeen(messageId: String, by userId: String, upTo: Bool, now: Date) async throws(ServerStoreError)
        -> SeenReceipt
    func editMessage(
        messageId: String,
        by userId: String,
        request: EventEnvelopeRequest,
        limits: MessageLimits,
        now: Date
    ) async throws(ServerStoreError) -> Message
    func deleteMessage(messageId: String, by userId: String, request: EventEnvelopeRequest?, now: Date)
        async throws(ServerStoreError) -> Message
    func react(messageId: String, by userId: String, request: EventEnvelopeRequest, now: Date)
        async throws(ServerStoreError) -> Reaction

    // MARK: Key directory
    func publishDeviceList(userId: String, request: DeviceListRequest, now: Date) async throws(ServerStoreError)
        -> KeyBundle
    func publishSealCertificate(userId: String, deviceId: String, cert: Bytes, now: Date) async throws(ServerStoreError)
        -> KeyBundle
    func keyBundle(userId: String) async throws(ServerStoreError) -> KeyBundle
    func addPendingDevice(userId: String, request: PendingDeviceRequest, now: Date) async throws(ServerStoreError)
        -> PendingDevice
    func pendingDevices(userId: String) async throws(ServerStoreError) -> [PendingDevice]
    func removePendingDevice(userId: String, deviceId: String) async throws(ServerStoreError)
    func postMailbox(userId: String, deviceId: String, request: MailboxRequest, now: Date)
        async throws(ServerStoreError) -> MailboxItem
    func mailbox(userId: String, deviceId: String) async throws(ServerStoreError) -> [MailboxItem]
    func deleteMailboxItem(userId: String, deviceId: String, itemId: String) async throws(ServerStoreError)

    // MARK: Blobs
    func putBlob(ownerId: String, data: Data, now: Date) async throws(ServerStoreError) -> BlobInfo
    /// The blob's bytes if `userId` may read it (uploader, a member of a conversation that
    /// references it, or a profile or group avatar).
    func blob(id: String, for userId: String) async throws(ServerStoreError) -> Data

    // MARK: Event log
    /// Events after `cursor`, oldest first, with message payloads as they are now.
    func events(userId: String, after cursor: Int64, limit: Int) async throws(ServerStoreError) -> [SyncEvent]
    /// The oldest cursor the log can still serve (`floor`) and the newest sequence number.
    func eventBounds(userId: String) async throws(ServerStoreError) -> (floor: Int64, current: Int64)
    /// Drops events older than `date`; returns how many went.
    func pruneEvents(olderThan date: Date) async throws(ServerStoreError) -> Int
}
