import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// Applying the server's event stream: every event is verified and decrypted before it touches
/// the cache, and the cursor advances only after its effects are saved.
extension AccountSession {
    /// The sync cursor stored with the cache.
    package func storedCursor() async -> Int64 {
        (try? await store.cursor()) ?? 0
    }

    /// Applies one logged event, then saves the cursor. An event that fails verification is logged
    /// and skipped (it can never become valid); a failure to reach the server is thrown so the sync
    /// service reconnects and asks for it again (the cursor is not saved then).
    package func apply(logged event: SyncEvent) async throws(DaemonError) {
        try await serialized { () async throws(DaemonError) in
            // The first store of the event's effects carries the cursor in the same transaction.
            pendingCursor = event.seq
            defer { pendingCursor = nil }
            do throws(DaemonError) {
                try await handle(event)
            } catch  where error.code == .offline || error.code == .rateLimited {
                throw error
            } catch {
                logger.warning(
                    "skipped an event that could not be applied",
                    metadata: [
                        "dialogue.seq": "\(event.seq)", "dialogue.event": "\(event.type.rawValue)", "error": "\(error)",
                    ])
            }
            guard let cursor = pendingCursor else { return }
            do {
                try await store.apply(messages: [], meta: [], cursor: cursor)
            } catch {
                throw DaemonError("Saving the sync cursor failed", store: error)
            }
        }
    }

    /// Checks the signatures of a batch's envelopes on every core, for the applies that follow in
    /// order; ``forgetSignatureChecks()`` when the batch is done.
    package func checkSignatures(of events: [SyncEvent]) async {
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
        signatureChecks = await SignatureChecks.check(envelopes.map { Array($0.data) }, directory: contacts.directory)
    }

    package func forgetSignatureChecks() {
        signatureChecks = SignatureChecks()
    }

    /// Gathers what the applier needs for one event and performs what it decides.
    private func handle(_ event: SyncEvent) async throws(DaemonError) {
        switch applier.plan(event) {
        case .absorb(let op):
            try await absorb(op)
            await publishConversation(op.conversationId)
        case .removed(let op):
            try? await absorb(op)
            book.records[op.conversationId]?.removed = true
            try await save(conversation: op.conversationId)
            await publish(.conversationRemoved(ConversationRemovedView(id: op.conversationId)))
        case .forget(let id):
            try await forget(conversation: id)
            await publish(.conversationRemoved(ConversationRemovedView(id: id)))
        case .newMessage(let message):
            try await receive(message)
        case .editedMessage(let message):
            try await receiveEdit(message)
        case .deletedMessage(let message):
            try await perform(applier.deleted(message, cached: try await cachedMessage(message.id)))
        case .reaction(let reaction, let conversationId):
            try await receiveReaction(reaction, conversationId: conversationId)
        case .seen(let receipt):
            var cached: [CachedMessage] = []
            for id in receipt.messageIds {
                if let message = try await cachedMessage(id) { cached.append(message) }
            }
            try await perform(applier.seen(receipt, cached: cached))
        case .userUpdated(let user):
            users[user.id] = applier.merged(user, into: users[user.id])
            try? await store.setMeta("users", users)
        case .refreshKeys(let userId):
            try await ensureKeys(for: [userId], refresh: true)
        case .ignore:
            break
        }
    }

    private var applier: EventApplier { EventApplier(me: me, now: Date()) }

    /// Saves what the applier decided with the event's cursor, then tells front ends. A new
    /// message with an image is announced once the image is here; the download runs in the
    /// background and the events after this one are applied meanwhile.
    private func perform(_ effects: EventEffects) async throws(DaemonError) {
        guard !effects.writes.isEmpty else { return }
        guard effects.notice == .new, let arrived = effects.writes.first else {
            try await store(effects.writes, notify: effects.notice.map(Self.localEvent), fromSync: true)
            return
        }
        try await store(effects.writes, notify: nil, fromSync: true)
        let alert = effects.alert
        if let attachment = effects.awaitedAttachment,
            await downloads.enqueue(
                attachment, kind: "an attachment", completion: { _ in await self.announce(arrived, alert: alert) })
        {
            return
        }
        await announce(arrived, alert: alert)
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
    private func open(_ envelope: Bytes, in conversationId: String) async throws(DaemonError) -> ReceivedEvent {
        let bytes = Array(envelope.data)
        if book.sessions[conversationId] == nil { try await catchUp(conversationId) }
        for attempt in 0..<2 {
            guard book.sessions[conversationId] != nil else {
                throw DaemonError(.notFound, "No conversation \(conversationId)")
            }
            do {
                // In place: a copy of the session would copy its per-message history on every event.
                // `open` changes nothing when it throws.
                return try book.sessions[conversationId]!.open(
                    bytes, directory: contacts.directory, nowMs: Self.nowMs(), checked: signatureChecks)
            } catch {
                guard attempt == 0 else { throw DaemonError(.forbidden, "An event did not verify", cause: error) }
                switch error.code {
                case .unknownDevice:
                    if let sender = try? SealedEvent(parsing: bytes).header.sender {
                        try await ensureKeys(for: [sender.rawValue], refresh: true)
                    }
                case .unknownEpoch:
                    try await catchUp(conversationId)
                default:
                    throw DaemonError(.forbidden, "An event did not verify", cause: error)
                }
            }
        }
        throw DaemonError(.forbidden, "An event did not verify")
    }

    /// A new message: our own echo only changes state; anyone else's is verified and decrypted.
    func receive(_ message: Message) async throws(DaemonError) {
        // A message this device never saw (its session's tracker knows every cached one) is not
        // in the cache: catching up on a backlog then skips a read per message.
        let unseen =
            (try? EventID(hex: message.id)).map { book.sessions[message.conversationId]?.hasSeen($0) == false } ?? false
        if !unseen, try await markSent(message.id, createdAt: message.createdAt, seenBy: message.seenBy, fromSync: true)
        {
            return
        }
        guard let envelope = message.envelope else {
            try await perform(applier.tombstone(message))
            return
        }
        let received = try await open(envelope, in: message.conversationId)
        var edit: EventPlaintext?
        if let envelope = message.editEnvelope {
            edit = try? await open(envelope, in: message.conversationId).plaintext
        }
        try await perform(
            applier.received(
                message, sender: received.header.sender.rawValue, plaintext: received.plaintext, edit: edit))
    }

    /// `message.new` for a received message, and the desktop notification when `alert`.
    private func announce(_ message: CachedMessage, alert: Bool) async {
        await publish(.messageNew(messageView(message)))
        if alert { await notifyDesktop(message) }
    }

    private func receiveEdit(_ message: Message) async throws(DaemonError) {
        guard let cached = try await cachedMessage(message.id) else {
            try await receive(message)
            return
        }
        guard let envelope = message.editEnvelope else { return }
        if let echo = applier.ownEditEcho(message, cached: cached) {
            try await perform(echo)
            return
        }
        let received = try await open(envelope, in: message.conversationId)
        try await perform(applier.edited(cached, by: message, plaintext: received.plaintext))
    }

    private func receiveReaction(_ reaction: Reaction, conversationId: String) async throws(DaemonError) {
        guard let cached = try await cachedMessage(reaction.messageId) else { return }
        if reaction.userId == me, let eventID = try? EventID(hex: reaction.id),
            book.sessions[conversationId]?.hasSeen(eventID) == true
        {
            return
        }
        let received: ReceivedEvent
        do throws(DaemonError) {
            received = try await open(reaction.envelope, in: conversationId)
        } catch  where reaction.userId == me {
            // Our own reaction from before a restart, already applied here.
            return
        }
        try await perform(
            applier.reacted(
                cached, by: reaction, sender: received.header.sender.rawValue, plaintext: received.plaintext))
    }

    /// After `resync`: the log no longer reaches back to our cursor, so refetch what it would have
    /// told us, then save `cursor`.
    package func refetchState(cursor: Int64) async throws(DaemonError) {
        let list = try await client.conversations(token: token).conversations
        try await serialized { () async throws(DaemonError) in
            for conversation in list {
                try await catchUp(conversation.id)
                let page = try await client.history(conversationId: conversation.id, limit: 200, token: token)
                for message in page.messages { try? await receive(message) }
            }
            let known = Set(list.map(\.id))
            for id in book.records.keys where !known.contains(id) && !(book.records[id]?.removed ?? true) {
                book.records[id]?.removed = true
                try await save(conversation: id)
            }
            try await saveCursor(cursor)
        }
    }
}

extension AccountSession {
    /// Moves the cursor after a `resync` refetch.
    private func saveCursor(_ cursor: Int64) async throws(DaemonError) {
        do {
            try await store.apply(messages: [], meta: [], cursor: cursor)
        } catch {
            throw DaemonError("Saving the sync cursor failed", store: error)
        }
    }
}
