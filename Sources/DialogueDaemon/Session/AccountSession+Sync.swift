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

    private func handle(_ event: SyncEvent) async throws(DaemonError) {
        let data = event.data
        switch event.type {
        case .conversationCreated, .conversationUpdated:
            guard let op = data.op else { return }
            try await absorb(op)
            await publishConversation(op.conversationId)
        case .conversationRemoved:
            guard let op = data.op else { return }
            try? await absorb(op)
            conversations[op.conversationId]?.removed = true
            try await save(conversation: op.conversationId)
            await publish(.conversationRemoved(ConversationRemovedView(id: op.conversationId)))
        case .conversationDeleted:
            guard let id = data.conversationId else { return }
            try await forget(conversation: id)
            await publish(.conversationRemoved(ConversationRemovedView(id: id)))
        case .messageNew:
            guard let message = data.message else { return }
            try await receive(message)
        case .messageEdited:
            guard let message = data.message else { return }
            try await receiveEdit(message)
        case .messageDeleted:
            guard let message = data.message else { return }
            try await receiveDelete(message)
        case .messageReaction:
            guard let reaction = data.reaction, let conversationId = data.conversationId else { return }
            try await receiveReaction(reaction, conversationId: conversationId)
        case .messageSeen:
            guard let receipt = data.receipt else { return }
            try await receiveSeen(receipt)
        case .userUpdated:
            guard let user = data.user else { return }
            var entry =
                users[user.id]
                ?? SidebarUser(
                    id: user.id, fullname: user.fullname, bio: user.bio, avatarBlobId: user.avatarBlobId, online: false,
                    lastSeen: user.lastSeen, unread: 0, conversationId: nil)
            entry.fullname = user.fullname
            entry.bio = user.bio
            entry.avatarBlobId = user.avatarBlobId
            users[user.id] = entry
            try? await store.setMeta("users", users)
        case .keysUpdated:
            guard let userId = data.userId, userId != me else { return }
            try await ensureKeys(for: [userId], refresh: true)
        case .devicePending, .deviceBundle:
            break
        }
    }

    /// Opens an envelope in its conversation, fetching missing ops or a sender's new device once.
    private func open(_ envelope: Bytes, in conversationId: String) async throws(DaemonError) -> ReceivedEvent {
        let bytes = Array(envelope.data)
        if sessions[conversationId] == nil { try await catchUp(conversationId) }
        for attempt in 0..<2 {
            guard sessions[conversationId] != nil else {
                throw DaemonError(.notFound, "No conversation \(conversationId)")
            }
            do {
                // In place: a copy of the session would copy its per-message history on every event.
                // `open` changes nothing when it throws.
                return try sessions[conversationId]!.open(bytes, directory: directory, nowMs: Self.nowMs())
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
            (try? EventID(hex: message.id)).map { sessions[message.conversationId]?.hasSeen($0) == false } ?? false
        if !unseen, try await markSent(message.id, createdAt: message.createdAt, seenBy: message.seenBy, fromSync: true)
        {
            return
        }
        guard let envelope = message.envelope else {
            let tombstone = CachedMessage(
                id: message.id, conversationId: message.conversationId, senderId: message.senderId, text: "",
                createdAt: message.createdAt, deleted: true, seen: true)
            try await store([tombstone], notify: nil, fromSync: true)
            return
        }
        let received = try await open(envelope, in: message.conversationId)
        guard received.header.sender.rawValue == message.senderId,
            case .message(let body, let reply, let attachments) = received.plaintext
        else {
            throw DaemonError(.forbidden, "A message's envelope does not match its sender or kind")
        }
        var cached = CachedMessage(
            id: message.id, conversationId: message.conversationId, senderId: message.senderId, text: body,
            replyTo: reply?.hex, createdAt: message.createdAt, editedAt: nil, deleted: false,
            seen: message.senderId == me || message.seenBy.contains(me), state: .sent)
        cached.seenBy = message.seenBy
        cached.attachment = attachments.first.map(CachedAttachment.init(descriptor:))
        if let edit = message.editEnvelope, let applied = try? await open(edit, in: message.conversationId),
            case .edit(_, let newBody) = applied.plaintext
        {
            cached.text = newBody
            cached.editedAt = message.editedAt
        }
        try await store([cached], notify: nil, fromSync: true)
        let arrived = cached
        let alert = message.senderId != me && Date().timeIntervalSince(message.createdAt) < Self.notificationAge
        // An image is announced once it is here, so a front end that lists the message on
        // `message.new` can show it; the download runs in the background, and the events after
        // this one are applied meanwhile.
        if let attachment = cached.attachment,
            await downloads.enqueue(
                attachment, kind: "an attachment", completion: { _ in await self.announce(arrived, alert: alert) })
        {
            return
        }
        await announce(arrived, alert: alert)
    }

    /// `message.new` for a received message, and the desktop notification when `alert`.
    private func announce(_ message: CachedMessage, alert: Bool) async {
        await publish(.messageNew(messageView(message)))
        if alert { await notifyDesktop(message) }
    }

    private func receiveEdit(_ message: Message) async throws(DaemonError) {
        guard var cached = try await cachedMessage(message.id) else {
            try await receive(message)
            return
        }
        guard let envelope = message.editEnvelope else { return }
        if message.senderId == me, let editedAt = cached.editedAt, let serverEdit = message.editedAt,
            editedAt >= serverEdit.addingTimeInterval(-60)
        {
            cached.editedAt = serverEdit
            try await store([cached], notify: nil, fromSync: true)
            return
        }
        let received = try await open(envelope, in: message.conversationId)
        guard case .edit(let target, let body) = received.plaintext, target.hex == message.id else {
            throw DaemonError(.forbidden, "An edit's envelope does not match its message")
        }
        cached.text = body
        cached.editedAt = message.editedAt ?? Date()
        try await store([cached], notify: LocalEvent.messageEdited, fromSync: true)
    }

    private func receiveDelete(_ message: Message) async throws(DaemonError) {
        var cached =
            try await cachedMessage(message.id)
            ?? CachedMessage(
                id: message.id, conversationId: message.conversationId, senderId: message.senderId, text: "",
                createdAt: message.createdAt, seen: true)
        guard !cached.deleted else { return }
        cached.deleted = true
        cached.text = ""
        cached.attachment = nil
        cached.reactions = [:]
        try await store([cached], notify: LocalEvent.messageDeleted, fromSync: true)
    }

    private func receiveReaction(_ reaction: Reaction, conversationId: String) async throws(DaemonError) {
        guard var cached = try await cachedMessage(reaction.messageId) else { return }
        if reaction.userId == me, let eventID = try? EventID(hex: reaction.id),
            sessions[conversationId]?.hasSeen(eventID) == true
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
        guard case .reaction(let target, let key, let on) = received.plaintext, target.hex == reaction.messageId,
            received.header.sender.rawValue == reaction.userId
        else {
            throw DaemonError(.forbidden, "A reaction's envelope does not match")
        }
        Self.setReaction(&cached, user: reaction.userId, emoji: key, on: on)
        try await store([cached], notify: LocalEvent.messageReaction, fromSync: true)
    }

    private func receiveSeen(_ receipt: SeenReceipt) async throws(DaemonError) {
        var changed: [CachedMessage] = []
        for id in receipt.messageIds {
            guard var cached = try await cachedMessage(id) else { continue }
            if receipt.userId == me {
                guard !cached.seen else { continue }
                cached.seen = true
            } else {
                guard !cached.seenBy.contains(receipt.userId) else { continue }
                cached.seenBy.append(receipt.userId)
            }
            changed.append(cached)
        }
        try await store(changed, notify: LocalEvent.messageSeen, fromSync: true)
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
            for id in conversations.keys where !known.contains(id) && !(conversations[id]?.removed ?? true) {
                conversations[id]?.removed = true
                try await save(conversation: id)
            }
            try await saveCursor(cursor)
        }
    }
}

extension AccountSession {
    /// Messages older than this when they arrive (a backlog after a night offline) raise no desktop
    /// notification: the unread counts tell, a burst of hundreds of pop-ups would not.
    static let notificationAge: TimeInterval = 120

    /// Moves the cursor after a `resync` refetch.
    private func saveCursor(_ cursor: Int64) async throws(DaemonError) {
        do {
            try await store.apply(messages: [], meta: [], cursor: cursor)
        } catch {
            throw DaemonError("Saving the sync cursor failed", store: error)
        }
    }
}
