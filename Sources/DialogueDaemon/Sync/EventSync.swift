import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// Applying the server's event stream: gathers what the pure ``EventApplier`` needs for one event
/// (opened envelopes, cached messages), then performs what it decided. Every event is verified
/// and decrypted before it touches the cache, and the cursor advances only after its effects are
/// saved.
enum EventSync {
    /// The sync cursor stored with the cache.
    static func storedCursor(in session: isolated AccountSession) async -> Int64 {
        (try? await session.store.cursor()) ?? 0
    }

    /// Applies one logged event, then saves the cursor. An event that fails verification is logged
    /// and skipped (it can never become valid); a failure to reach the server is thrown so the sync
    /// service reconnects and asks for it again (the cursor is not saved then).
    static func apply(_ event: SyncEvent, in session: isolated AccountSession) async throws(DaemonError) {
        try await session.serialized { () async throws(DaemonError) in
            // The first store of the event's effects carries the cursor in the same transaction.
            session.pendingCursor = event.seq
            defer { session.pendingCursor = nil }
            do throws(DaemonError) {
                try await handle(event, in: session)
            } catch  where error.code == .offline || error.code == .rateLimited {
                throw error
            } catch {
                session.logger.warning(
                    "skipped an event that could not be applied",
                    metadata: [
                        "dialogue.seq": "\(event.seq)", "dialogue.event": "\(event.type.rawValue)", "error": "\(error)",
                    ])
            }
            guard let cursor = session.pendingCursor else { return }
            try await saveCursor(cursor, in: session)
        }
    }

    /// Gathers what the applier needs for one event and performs what it decides.
    private static func handle(_ event: SyncEvent, in session: isolated AccountSession) async throws(DaemonError) {
        let applier = applier(in: session)
        switch applier.plan(event) {
        case .absorb(let op):
            try await ConversationLog.absorb(op, in: session)
            await session.publishConversation(op.conversationId)
        case .removed(let op):
            try? await ConversationLog.absorb(op, in: session)
            session.book.records[op.conversationId]?.removed = true
            try await ConversationLog.save(op.conversationId, in: session)
            await session.publish(.conversationRemoved(ConversationRemovedView(id: op.conversationId)))
        case .forget(let id):
            try await ConversationLog.forget(id, in: session)
            await session.publish(.conversationRemoved(ConversationRemovedView(id: id)))
        case .newMessage(let message):
            try await receive(message, in: session)
        case .editedMessage(let message):
            try await receiveEdit(message, in: session)
        case .deletedMessage(let message):
            try await perform(
                applier.deleted(message, cached: try await session.cachedMessage(message.id)), in: session)
        case .reaction(let reaction, let conversationId):
            try await receiveReaction(reaction, conversationId: conversationId, in: session)
        case .seen(let receipt):
            var cached: [CachedMessage] = []
            for id in receipt.messageIds {
                if let message = try await session.cachedMessage(id) { cached.append(message) }
            }
            try await perform(applier.seen(receipt, cached: cached), in: session)
        case .userUpdated(let user):
            session.users[user.id] = applier.merged(user, into: session.users[user.id])
            try? await session.store.setMeta("users", session.users)
        case .refreshKeys(let userId):
            try await session.ensureKeys(for: [userId], refresh: true)
        case .ignore:
            break
        }
    }

    /// Checks the signatures of a batch's envelopes on every core, for the applies that follow in
    /// order; ``forgetSignatureChecks(in:)`` when the batch is done.
    static func checkSignatures(of events: [SyncEvent], in session: isolated AccountSession) async {
        let applier = applier(in: session)
        let envelopes = events.flatMap { event -> [Bytes] in
            switch applier.plan(event) {
            case .newMessage(let message), .editedMessage(let message):
                [message.envelope, message.editEnvelope].compactMap { $0 }
            case .reaction(let reaction, _):
                [reaction.envelope]
            default:
                []
            }
        }
        guard envelopes.count > 1 else { return }
        session.signatureChecks = await SignatureChecks.check(
            envelopes.map { Array($0.data) }, directory: session.contacts.directory)
    }

    static func forgetSignatureChecks(in session: isolated AccountSession) {
        session.signatureChecks = SignatureChecks()
    }

    private static func applier(in session: isolated AccountSession) -> EventApplier {
        EventApplier(me: session.me, now: Date())
    }

    /// Saves what the applier decided with the event's cursor, then tells front ends. A new
    /// message with an image is announced once the image is here; the download runs in the
    /// background and the events after this one are applied meanwhile.
    private static func perform(_ effects: EventEffects, in session: isolated AccountSession) async throws(DaemonError)
    {
        guard !effects.writes.isEmpty else { return }
        guard effects.notice == .new, let arrived = effects.writes.first else {
            try await session.store(effects.writes, notify: effects.notice.map(localEvent), fromSync: true)
            return
        }
        try await session.store(effects.writes, notify: nil, fromSync: true)
        let alert = effects.alert
        if let attachment = effects.awaitedAttachment,
            await session.downloads.enqueue(
                attachment, kind: "an attachment",
                completion: { [session] _ in await announce(arrived, alert: alert, in: session) })
        {
            return
        }
        await announce(arrived, alert: alert, in: session)
    }

    private static func localEvent(_ notice: EventEffects.Notice) -> (MessageView) -> LocalEvent {
        switch notice {
        case .new: LocalEvent.messageNew
        case .edited: LocalEvent.messageEdited
        case .deleted: LocalEvent.messageDeleted
        case .reaction: LocalEvent.messageReaction
        case .seen: LocalEvent.messageSeen
        }
    }

    /// Opens an envelope in its conversation, fetching missing ops or a sender's new device once.
    private static func open(_ envelope: Bytes, in conversationId: String, session: isolated AccountSession)
        async throws(DaemonError) -> ReceivedEvent
    {
        let bytes = Array(envelope.data)
        if session.book.sessions[conversationId] == nil {
            try await ConversationLog.catchUp(conversationId, in: session)
        }
        for attempt in 0..<2 {
            guard session.book.sessions[conversationId] != nil else {
                throw DaemonError(.notFound, "No conversation \(conversationId)")
            }
            do {
                // In place: a copy of the session would copy its per-message history on every event.
                // `open` changes nothing when it throws.
                return try session.book.sessions[conversationId]!.open(
                    bytes, directory: session.contacts.directory, nowMs: AccountSession.nowMs(),
                    checked: session.signatureChecks)
            } catch {
                guard attempt == 0 else { throw DaemonError(.forbidden, "An event did not verify", cause: error) }
                switch error.code {
                case .unknownDevice:
                    if let sender = try? SealedEvent(parsing: bytes).header.sender {
                        try await session.ensureKeys(for: [sender.rawValue], refresh: true)
                    }
                case .unknownEpoch:
                    try await ConversationLog.catchUp(conversationId, in: session)
                default:
                    throw DaemonError(.forbidden, "An event did not verify", cause: error)
                }
            }
        }
        throw DaemonError(.forbidden, "An event did not verify")
    }

    /// A new message: our own echo only changes state; anyone else's is verified and decrypted.
    private static func receive(_ message: Message, in session: isolated AccountSession) async throws(DaemonError) {
        // A message this device never saw (its session's tracker knows every cached one) is not
        // in the cache: catching up on a backlog then skips a read per message.
        let unseen =
            (try? EventID(hex: message.id)).map { session.book.sessions[message.conversationId]?.hasSeen($0) == false }
            ?? false
        if !unseen,
            try await OutboxSender.markSent(
                message.id, createdAt: message.createdAt, seenBy: message.seenBy, fromSync: true, in: session)
        {
            return
        }
        guard let envelope = message.envelope else {
            try await perform(applier(in: session).tombstone(message), in: session)
            return
        }
        let received = try await open(envelope, in: message.conversationId, session: session)
        var edit: EventPlaintext?
        if let envelope = message.editEnvelope {
            edit = try? await open(envelope, in: message.conversationId, session: session).plaintext
        }
        try await perform(
            applier(in: session).received(
                message, sender: received.header.sender.rawValue, plaintext: received.plaintext, edit: edit),
            in: session)
    }

    /// `message.new` for a received message, and the desktop notification when `alert`.
    private static func announce(_ message: CachedMessage, alert: Bool, in session: isolated AccountSession) async {
        await session.publish(.messageNew(session.messageView(message)))
        if alert { await session.notifyDesktop(message) }
    }

    private static func receiveEdit(_ message: Message, in session: isolated AccountSession) async throws(DaemonError) {
        guard let cached = try await session.cachedMessage(message.id) else {
            try await receive(message, in: session)
            return
        }
        guard let envelope = message.editEnvelope else { return }
        if let echo = applier(in: session).ownEditEcho(message, cached: cached) {
            try await perform(echo, in: session)
            return
        }
        let received = try await open(envelope, in: message.conversationId, session: session)
        try await perform(
            applier(in: session).edited(cached, by: message, plaintext: received.plaintext), in: session)
    }

    private static func receiveReaction(
        _ reaction: Reaction, conversationId: String, in session: isolated AccountSession
    ) async throws(DaemonError) {
        guard let cached = try await session.cachedMessage(reaction.messageId) else { return }
        if reaction.userId == session.me, let eventID = try? EventID(hex: reaction.id),
            session.book.sessions[conversationId]?.hasSeen(eventID) == true
        {
            return
        }
        let received: ReceivedEvent
        do throws(DaemonError) {
            received = try await open(reaction.envelope, in: conversationId, session: session)
        } catch  where reaction.userId == session.me {
            // Our own reaction from before a restart, already applied here.
            return
        }
        try await perform(
            applier(in: session).reacted(
                cached, by: reaction, sender: received.header.sender.rawValue, plaintext: received.plaintext),
            in: session)
    }

    /// After `resync`: the log no longer reaches back to our cursor, so refetch what it would have
    /// told us, then save `cursor`.
    static func refetchState(cursor: Int64, in session: isolated AccountSession) async throws(DaemonError) {
        let list = try await session.client.conversations(token: session.token).conversations
        try await session.serialized { () async throws(DaemonError) in
            for conversation in list {
                try await ConversationLog.catchUp(conversation.id, in: session)
                let page = try await session.client.history(
                    conversationId: conversation.id, limit: 200, token: session.token)
                for message in page.messages { try? await receive(message, in: session) }
            }
            let known = Set(list.map(\.id))
            for id in session.book.records.keys
            where !known.contains(id) && !(session.book.records[id]?.removed ?? true) {
                session.book.records[id]?.removed = true
                try await ConversationLog.save(id, in: session)
            }
            try await saveCursor(cursor, in: session)
        }
    }

    /// Moves the cursor on its own: after an event that stored nothing, or a `resync` refetch.
    private static func saveCursor(_ cursor: Int64, in session: isolated AccountSession) async throws(DaemonError) {
        do {
            try await session.store.apply(messages: [], meta: [], cursor: cursor)
        } catch {
            throw DaemonError("Saving the sync cursor failed", store: error)
        }
    }
}
