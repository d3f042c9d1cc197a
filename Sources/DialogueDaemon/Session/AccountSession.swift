import Crypto
import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import DialogueSync
import Foundation
import Logging
import Synchronization

/// The signed-in, unlocked account: its keys, verified contacts, conversations and the cache.
///
/// One actor owns all of this so that ops, events and sends are applied in one order, the order
/// the E2EE state machine needs. It lives from unlock (with an account) to lock or logout; the
/// sync and outbox services drive it, the RPC handlers call it.
///
/// The actor keeps the state, its restore and the paths every seam shares (the message write
/// path, the contacts' keys, the views). The work of each seam lives in a caseless enum in the
/// folder named for it (``ConversationLog`` and ``ConversationCommands``, ``MessageCommands``,
/// ``OutboxSender``, ``EventSync``, ``DeviceCommands``, ``SecurityCommands``, ``UserCommands``,
/// ``LiveRelay``, ``AttachmentTransfers``, ``AvatarTransfers``), whose functions take the session
/// as an `isolated` parameter: they run on the actor without a hop, so nothing else interleaves
/// between their reads and writes except at an `await`, as in a method of the actor.
package actor AccountSession {
    let store: LocalStore
    let client: ServerClient
    package let account: AccountRecord
    let broadcaster: EventBroadcaster
    let logger: Logger
    let search: SearchIndex
    /// Attachment and avatar files, and the background queue that downloads them.
    let blobs: BlobCache
    let downloads: BlobDownloader
    /// Shows a desktop notification (summary, body); the daemon decides muting and focus.
    var desktopNotifier: (@Sendable (String, String) async -> Void)?

    var identity: DeviceIdentity
    var accountIdentity: AccountIdentity
    var deviceKeys: DeviceKeys
    /// Contacts' pins and verified device keys.
    var contacts = ContactKeys() {
        didSet { signaturesAhead.use(contacts.directory) }
    }
    /// Signatures of arriving events, checked by the sync reader ahead of their apply.
    nonisolated let signaturesAhead = SignaturesAhead()
    /// Conversations: records and their E2EE sessions.
    var book = ConversationBook()
    nonisolated let conversationTally = Mutex(0)
    var users: [String: SidebarUser] = [:]
    /// Typing and presence.
    var live = LiveState()
    /// Unread counts and the newest message of each conversation.
    var tally: MessageTally
    /// The writes of the batch of synced events being applied, until it is saved.
    var syncBatch: SyncWriteBatch?
    /// The signatures of the batch being applied, checked ahead by the sync reader.
    var signatureChecks = SignatureChecks()
    /// Own messages just marked sent by one confirmation (the server's answer or the echo in the
    /// event stream), with their server time, until the other comes.
    var sentUnconfirmed: [String: Date] = [:]
    var gateBusy = false
    var gateWaiters: [CheckedContinuation<Void, Never>] = []
    /// Sends a frame on the live WebSocket, when there is one.
    var sendFrame: (@Sendable (ClientFrame) async -> Void)?
    /// Wakes the outbox sender after an enqueue or a reconnect.
    package let outboxSignal = WakeSignal()

    nonisolated var me: String { account.user.id }
    var token: String { account.token }
    var deviceId: String { deviceKeys.deviceID.description }
    nonisolated static func nowMs() -> UInt64 { UInt64(Date().timeIntervalSince1970 * 1000) }

    init(
        store: LocalStore,
        client: ServerClient,
        account: AccountRecord,
        identity: DeviceIdentity,
        broadcaster: EventBroadcaster,
        search: SearchIndex,
        files: SessionFiles,
        logger: Logger
    ) throws(DaemonError) {
        blobs = BlobCache(files: files, logger: logger)
        downloads = BlobDownloader(cache: blobs, logger: logger) {
            [client, token = account.token] id throws(DaemonError) in
            try await DaemonError.converting { try await client.downloadBlob(id, token: token) }
        }
        self.store = store
        self.client = client
        self.account = account
        tally = MessageTally(me: account.user.id)
        self.identity = identity
        (accountIdentity, deviceKeys) = try identity.unpack()
        self.broadcaster = broadcaster
        self.search = search
        self.logger = logger
    }

    /// Opens the session for a signed-in account: loads keys, pins, contacts' bundles and
    /// conversations from the cache and rebuilds each conversation's verified state offline.
    static func open(
        store: LocalStore,
        client: ServerClient,
        account: AccountRecord,
        broadcaster: EventBroadcaster,
        files: SessionFiles,
        logger: Logger
    ) async throws(DaemonError) -> AccountSession {
        let identity: DeviceIdentity
        do {
            guard let stored = try await store.meta(DeviceIdentity.metaKey, as: DeviceIdentity.self),
                stored.userId == account.user.id
            else {
                throw DaemonError(.failed, "This device has no keys for \(account.user.email)")
            }
            identity = stored
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError(.failed, "The stored keys could not be read", cause: error)
        }
        let search: SearchIndex
        do {
            search = try SearchIndex()
        } catch {
            throw DaemonError("The search index could not be created", store: error)
        }
        let session = try AccountSession(
            store: store, client: client, account: account, identity: identity, broadcaster: broadcaster,
            search: search, files: files, logger: logger)
        try await session.restore()
        return session
    }

    /// Rebuilds in-memory state from the cache.
    private func restore() async throws(DaemonError) {
        do {
            contacts = try ContactKeys(
                records: try await store.meta(PinRecord.metaKey, as: [String: PinRecord].self) ?? [:],
                bundles: try await store.metaValues(prefix: "directory.", as: KeyBundle.self).map(\.1),
                nowMs: Self.nowMs())
            users = try await store.meta("users", as: [String: SidebarUser].self) ?? [:]
            book.linkedSecrets = try await store.meta(LinkedSecrets.metaKey, as: LinkedSecrets.self)?.secrets ?? [:]
            for (_, record) in try await store.metaValues(prefix: "conversation.", as: ConversationRecord.self) {
                book.records[record.id] = record
            }
        } catch {
            throw DaemonError("The cache could not be read", store: error)
        }
        for (id, record) in book.records {
            do {
                book.sessions[id] = try ConversationBook.restore(
                    record, keys: deviceKeys, directory: contacts.directory)
            } catch {
                logger.error(
                    "a conversation's stored op log did not verify",
                    metadata: ["dialogue.conversation": "\(id)", "error": "\(error)"])
            }
        }
        recountConversations()
        try await rebuildSearchIndex()
    }

    /// Loads every cached message into the in-memory search index and teaches each conversation's
    /// session the facts its edit rules need.
    private func rebuildSearchIndex() async throws(DaemonError) {
        do {
            var facts: [(String, EventID, EventTracker.MessageFacts)] = []
            var entries: [SearchEntry] = []
            var rowId: Int64 = 0
            while true {
                let batch = try await store.messageBatch(after: rowId)
                guard !batch.messages.isEmpty else { break }
                rowId = batch.next
                entries += batch.messages.map(SearchEntry.init)
                for message in batch.messages {
                    tally.note(message)
                    guard let id = try? EventID(hex: message.id), let author = try? UserID(message.senderId) else {
                        continue
                    }
                    facts.append(
                        (
                            message.conversationId, id,
                            EventTracker.MessageFacts(
                                author: author, sentAtMs: UInt64(message.createdAt.timeIntervalSince1970 * 1000),
                                hasAttachments: message.attachment != nil)
                        ))
                }
            }
            for (conversation, id, fact) in facts { book.sessions[conversation]?.remember(id, facts: fact) }
            try await search.upsert(entries)
            // Compacts the freshly built index so single updates afterwards stay fast.
            try await search.optimize()
        } catch {
            throw DaemonError("The search index could not be built", store: error)
        }
    }

    /// Conversations this account is in (for `daemon.status`).
    /// Read without entering the actor, which may be busy applying a backlog.
    package nonisolated var conversationCount: Int { conversationTally.withLock { $0 } }

    /// Recounts after ``conversations`` changed and was saved.
    func recountConversations() {
        let count = book.activeCount
        conversationTally.withLock { $0 = count }
    }

    /// Publishes a notification to subscribed front ends.
    func publish(_ event: LocalEvent) async {
        await broadcaster.publish(event)
    }

    /// Wipes what this session holds in memory (lock, logout).
    package func close() async {
        await downloads.close()
        try? await search.removeAll()
        blobs.removeDecryptedFiles()
        book = ConversationBook()
        let signal = outboxSignal
        Task { await signal.finish() }
    }

    /// Wakes the outbox sender.
    func wakeOutbox() {
        let signal = outboxSignal
        Task { await signal.signal() }
    }
}
