import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import DialogueSync
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

    /// Applies consecutive logged events and saves their writes with the cursor of the last one
    /// applied, in one transaction. An event that fails verification is logged and skipped (it can
    /// never become valid); a failure to reach the server stops the batch there: what came before
    /// it is saved, and it is asked for again after reconnecting.
    static func apply(batch events: [SyncEvent], in session: isolated AccountSession) async -> SyncBatchOutcome {
        let applier = applier(in: session)
        session.signatureChecks = session.signaturesAhead.take(events.flatMap(applier.envelopes))
        defer { session.signatureChecks = SignatureChecks() }
        let clock = ContinuousClock()
        let began = clock.now
        do throws(DaemonError) {
            return try await session.serialized { () async throws(DaemonError) -> SyncBatchOutcome in
                session.syncBatch = SyncWriteBatch()
                var failure: SyncApplyError?
                for event in events {
                    do throws(DaemonError) {
                        try await applyOne(event, in: session)
                        session.syncBatch?.finishEvent(event.seq)
                    } catch {
                        session.syncBatch?.abandonEvent()
                        failure = SyncApplyError(error)
                        break
                    }
                }
                let applied = clock.now
                let cursor = try await saveBatch(in: session)
                session.logger.debug(
                    "applied a batch of synced events",
                    metadata: [
                        "dialogue.events": "\(events.count)",
                        "dialogue.checked-ahead": "\(session.signatureChecks.count)",
                        "dialogue.applied": "\(applied - began)", "dialogue.saved": "\(clock.now - applied)",
                    ])
                return SyncBatchOutcome(appliedThrough: cursor, failure: failure)
            }
        } catch {
            return SyncBatchOutcome(appliedThrough: nil, failure: SyncApplyError(error))
        }
    }

    /// Applies one event into the open batch; only reaching the server can fail it.
    private static func applyOne(_ event: SyncEvent, in session: isolated AccountSession) async throws(DaemonError) {
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
    }

    /// Gathers what the applier needs for one event and performs what it decides.
    private static func handle(_ event: SyncEvent, in session: isolated AccountSession) async throws(DaemonError) {
        let applier = applier(in: session)
        switch applier.plan(event) {
        case .absorb(let op):
            try await ConversationLog.absorb(op, in: session)
            if let view = session.conversationView(op.conversationId) {
                await session.announce(.conversationUpdated(view))
            }
        case .removed(let op):
            try? await ConversationLog.absorb(op, in: session)
            session.book.records[op.conversationId]?.removed = true
            try await ConversationLog.save(op.conversationId, in: session)
            await session.announce(.conversationRemoved(ConversationRemovedView(id: op.conversationId)))
        case .forget(let id):
            try await ConversationLog.forget(id, in: session)
            await session.announce(.conversationRemoved(ConversationRemovedView(id: id)))
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

    /// Checks an arriving event's signatures on the sync reader's thread, before its batch is
    /// applied (``SignaturesAhead``).
    nonisolated static func checkAhead(_ event: SyncEvent, in session: AccountSession) {
        session.signaturesAhead.check(applier(in: session).envelopes(of: event))
    }

    private nonisolated static func applier(in session: AccountSession) -> EventApplier {
        EventApplier(me: session.me, now: Date())
    }

    /// Stages what the applier decided in the open batch, with what it announces.
    private static func perform(_ effects: EventEffects, in session: isolated AccountSession) async throws(DaemonError)
    {
        guard !effects.writes.isEmpty else { return }
        guard effects.notice == .new, let received = effects.writes.first else {
            try await session.store(effects.writes, notify: effects.notice.map(localEvent), fromSync: true)
            return
        }
        try await session.store(effects.writes, notify: nil, fromSync: true)
        session.syncBatch?.announce(.arrived(received, alert: effects.alert, awaiting: effects.awaitedAttachment))
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
        let list = try await DaemonError.converting { try await session.client.conversations(token: session.token) }
            .conversations
        try await session.serialized { () async throws(DaemonError) in
            session.syncBatch = SyncWriteBatch()
            for conversation in list {
                try await ConversationLog.catchUp(conversation.id, in: session)
                let page = try await DaemonError.converting {
                    try await session.client.history(
                        conversationId: conversation.id, limit: 200, token: session.token)
                }
                for message in page.messages { try? await receive(message, in: session) }
            }
            let known = Set(list.map(\.id))
            for id in session.book.records.keys
            where !known.contains(id) && !(session.book.records[id]?.removed ?? true) {
                session.book.records[id]?.removed = true
                try await ConversationLog.save(id, in: session)
            }
            session.syncBatch?.finishEvent(cursor)
            _ = try await saveBatch(in: session)
        }
    }
}
