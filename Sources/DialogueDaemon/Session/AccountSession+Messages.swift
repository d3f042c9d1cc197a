import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// Messages front ends see and change: cache reads (offline), and changes queued in the outbox.
extension AccountSession {
    // MARK: - Views

    func messageView(_ message: CachedMessage) -> MessageView {
        MessageView(message, me: me, attachmentPath: message.deleted ? nil : blobs.attachmentPath(for: message))
    }

    /// Saves messages, updates the index and the unread counts, and tells front ends.
    /// - Parameter fromSync: the write applies the event being synced, so it also saves its cursor.
    func store(_ messages: [CachedMessage], notify event: ((MessageView) -> LocalEvent)?, fromSync: Bool = false)
        async throws(DaemonError)
    {
        let cursor = fromSync ? pendingCursor : nil
        do {
            try await store.apply(messages: messages, meta: [], cursor: cursor)
        } catch {
            throw DaemonError("Saving messages failed", store: error)
        }
        if cursor != nil { pendingCursor = nil }
        for message in messages {
            tally.note(message)
            if message.deleted {
                try? await search.remove(messageIds: [message.id])
            } else {
                try? await search.upsert([SearchEntry(message)])
            }
            if let event { await publish(event(messageView(message))) }
        }
    }

    func cachedMessage(_ id: String) async throws(DaemonError) -> CachedMessage? {
        do {
            return try await store.message(id: id)
        } catch {
            throw DaemonError("The cache could not be read", store: error)
        }
    }

    func requireMessage(_ id: String) async throws(DaemonError) -> CachedMessage {
        guard let message = try await cachedMessage(id) else { throw DaemonError(.notFound, "No message \(id)") }
        return message
    }

    // MARK: - Reads

    /// `messages.list`: a newest-last page from the cache (works offline).
    package func listMessages(conversationId: String, before: String?, limit: Int?) async throws(DaemonError)
        -> [MessageView]
    {
        _ = try book.record(conversationId)
        let limit = limit ?? 50
        guard (1...500).contains(limit) else { throw DaemonError(.invalidInput, "limit must be 1 to 500") }
        do {
            let page = try await store.messages(conversationId: conversationId, before: before, limit: limit)
            for message in page where !message.deleted {
                if let attachment = message.attachment {
                    await AttachmentTransfers.refetchIfMissing(attachment, in: self)
                }
            }
            return page.map(messageView)
        } catch {
            throw DaemonError("The cache could not be read", store: error)
        }
    }

    /// `messages.search`: the newest 1000 (`recent`) or the whole cache (`all`), in memory.
    package func searchMessages(query: String, scope: String?, conversationId: String?, limit: Int?)
        async throws(DaemonError) -> [SearchResultView]
    {
        let scope = scope ?? "recent"
        guard scope == "recent" || scope == "all" else {
            throw DaemonError(.invalidInput, "scope must be recent or all")
        }
        let hits: [SearchHit]
        do {
            hits = try await search.search(
                SearchQuery(
                    query, scope: scope == "all" ? .all : .recent, conversationId: conversationId,
                    limit: limit ?? SearchQuery.defaultLimit))
        } catch {
            throw DaemonError(.invalidInput, error.message)
        }
        var results: [SearchResultView] = []
        for hit in hits {
            guard let message = try await cachedMessage(hit.messageId) else { continue }
            results.append(
                SearchResultView(
                    message: messageView(message), highlights: hit.highlights.map { [$0.lowerBound, $0.upperBound] }))
        }
        return results
    }

    // MARK: - Changes (queued)

    private func enqueue(_ intent: OutboxIntent, requestId: String, saving message: CachedMessage? = nil)
        async throws(DaemonError)
    {
        do {
            let payload = Array(try JSONEncoder().encode(intent))
            try await store.enqueue(
                conversationId: intent.conversationId, kind: intent.kind, requestId: requestId,
                payload: payload, saving: message)
        } catch {
            throw DaemonError("The outbox could not be written", store: error)
        }
        wakeOutbox()
    }

    private func requireWritable(_ conversationId: String) throws(DaemonError) {
        let record = try book.record(conversationId)
        guard !record.removed else {
            throw DaemonError(.forbidden, "You are no longer a member of this conversation")
        }
        try requireTrusted(book.members(of: conversationId).filter { $0 != me })
    }

    /// `messages.send`: durable in the outbox (and the cache, `state: pending`) before it returns.
    package func send(conversationId: String, text: String?, attachmentPath: String?, replyTo: String?)
        async throws(DaemonError) -> MessageView
    {
        try requireWritable(conversationId)
        let body = text ?? ""
        try MessageRules.checkNew(text: body, hasAttachment: attachmentPath != nil)
        if let replyTo {
            guard let target = try await cachedMessage(replyTo), target.conversationId == conversationId else {
                throw DaemonError(.notFound, "No message \(replyTo) in this conversation to reply to")
            }
        }
        var attachment: CachedAttachment?
        if let attachmentPath { attachment = try await AttachmentTransfers.prepare(path: attachmentPath, in: self) }
        let id = EventID.random().hex
        let message = CachedMessage(
            id: id, conversationId: conversationId, senderId: me, text: body, replyTo: replyTo, createdAt: Date(),
            seen: true, state: .pending)
        var withAttachment = message
        withAttachment.attachment = attachment
        try await enqueue(
            .send(conversationId: conversationId, messageId: id, text: body, replyTo: replyTo, attachment: attachment),
            requestId: id, saving: withAttachment)
        tally.note(withAttachment)
        try? await search.upsert([SearchEntry(withAttachment)])
        let view = messageView(withAttachment)
        await publish(.messageNew(view))
        return view
    }

    /// `messages.edit`: own text messages, within 15 minutes.
    package func edit(messageId: String, text: String) async throws(DaemonError) -> MessageView {
        var message = try await requireMessage(messageId)
        try requireWritable(message.conversationId)
        try MessageRules.checkEdit(of: message, to: text, me: me, now: Date())
        let eventId = EventID.random().hex
        try await enqueue(
            .edit(conversationId: message.conversationId, messageId: messageId, eventId: eventId, text: text),
            requestId: eventId)
        message.text = text
        message.editedAt = Date()
        try await store([message], notify: LocalEvent.messageEdited)
        return messageView(message)
    }

    /// `messages.delete`: own messages (or any, for a group admin); a soft delete.
    package func delete(messageId: String) async throws(DaemonError) -> MessageView {
        var message = try await requireMessage(messageId)
        try requireWritable(message.conversationId)
        let roster = book.sessions[message.conversationId]?.state?.roster
        try MessageRules.checkDelete(of: message, me: me, isAdmin: roster?.isAdmin(deviceKeys.user) ?? false)
        guard !message.deleted else { return messageView(message) }
        let eventId = EventID.random().hex
        try await enqueue(
            .delete(conversationId: message.conversationId, messageId: messageId, eventId: eventId),
            requestId: eventId)
        message.deleted = true
        message.text = ""
        message.attachment = nil
        try await store([message], notify: LocalEvent.messageDeleted)
        return messageView(message)
    }

    /// `messages.react`: toggles this user's reaction.
    package func react(messageId: String, emoji: String) async throws(DaemonError) -> MessageView {
        var message = try await requireMessage(messageId)
        try requireWritable(message.conversationId)
        try MessageRules.checkReaction(emoji, on: message)
        let on = !(message.reactions[emoji]?.contains(me) ?? false)
        let eventId = EventID.random().hex
        try await enqueue(
            .react(
                conversationId: message.conversationId, messageId: messageId, eventId: eventId, emoji: emoji, on: on),
            requestId: eventId)
        EventApplier.setReaction(&message, user: me, emoji: emoji, on: on)
        try await store([message], notify: LocalEvent.messageReaction)
        return messageView(message)
    }

    /// `conversations.markRead`: marks everything up to `upTo` (or the newest) seen, locally now and
    /// at the server through the outbox.
    package func markRead(conversationId: String, upTo: String?) async throws(DaemonError) -> ReadStateView {
        _ = try book.record(conversationId)
        let target: CachedMessage?
        if let upTo {
            target = try await requireMessage(upTo)
        } else {
            target = tally.newest[conversationId]
        }
        guard let target, target.conversationId == conversationId else {
            return ReadStateView(conversationId: conversationId, unread: tally.unread(in: conversationId))
        }
        var changed: [CachedMessage] = []
        for id in tally.unreadIds(in: conversationId) {
            guard var message = try await cachedMessage(id), message.createdAt <= target.createdAt else { continue }
            message.seen = true
            changed.append(message)
        }
        try await store(changed, notify: LocalEvent.messageSeen)
        if target.state != .pending {
            let requestId = EventID.random().hex
            try await enqueue(
                .markRead(conversationId: conversationId, upTo: target.id),
                requestId: requestId)
        }
        return ReadStateView(conversationId: conversationId, unread: tally.unread(in: conversationId))
    }
}
