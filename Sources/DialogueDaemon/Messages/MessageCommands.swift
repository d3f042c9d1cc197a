import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// The `messages.*` methods and `conversations.markRead`: reads answer from the cache (offline
/// too); changes are checked by ``MessageRules``, made durable in the outbox, and shown at once,
/// while the ``OutboxSender`` takes them to the server.
enum MessageCommands {
    // MARK: - Reads

    /// `messages.list`: a newest-last page from the cache (works offline).
    static func list(
        conversationId: String, before: String?, limit: Int?, in session: isolated AccountSession
    ) async throws(DaemonError) -> [MessageView] {
        _ = try session.book.record(conversationId)
        let limit = limit ?? 50
        guard (1...500).contains(limit) else { throw DaemonError(.invalidInput, "limit must be 1 to 500") }
        do {
            let page = try await session.store.messages(conversationId: conversationId, before: before, limit: limit)
            for message in page where !message.deleted {
                if let attachment = message.attachment {
                    await AttachmentTransfers.refetchIfMissing(attachment, in: session)
                }
            }
            return page.map { session.messageView($0) }
        } catch {
            throw DaemonError("The cache could not be read", store: error)
        }
    }

    /// `messages.search`: the newest 1000 (`recent`) or the whole cache (`all`), in memory.
    static func search(
        query: String, scope: String?, conversationId: String?, limit: Int?, in session: isolated AccountSession
    ) async throws(DaemonError) -> [SearchResultView] {
        let scope = scope ?? "recent"
        guard scope == "recent" || scope == "all" else {
            throw DaemonError(.invalidInput, "scope must be recent or all")
        }
        let hits: [SearchHit]
        do {
            hits = try await session.search.search(
                SearchQuery(
                    query, scope: scope == "all" ? .all : .recent, conversationId: conversationId,
                    limit: limit ?? SearchQuery.defaultLimit))
        } catch {
            throw DaemonError(.invalidInput, error.message)
        }
        var results: [SearchResultView] = []
        for hit in hits {
            guard let message = try await session.cachedMessage(hit.messageId) else { continue }
            results.append(
                SearchResultView(
                    message: session.messageView(message),
                    highlights: hit.highlights.map { [$0.lowerBound, $0.upperBound] }))
        }
        return results
    }

    // MARK: - Changes (queued)

    private static func enqueue(
        _ intent: OutboxIntent, requestId: String, saving message: CachedMessage? = nil,
        in session: isolated AccountSession
    ) async throws(DaemonError) {
        do {
            let payload = Array(try JSONEncoder().encode(intent))
            try await session.store.enqueue(
                conversationId: intent.conversationId, kind: intent.kind, requestId: requestId,
                payload: payload, saving: message)
        } catch {
            throw DaemonError("The outbox could not be written", store: error)
        }
        session.wakeOutbox()
    }

    private static func requireWritable(_ conversationId: String, in session: isolated AccountSession)
        throws(DaemonError)
    {
        let record = try session.book.record(conversationId)
        guard !record.removed else {
            throw DaemonError(.forbidden, "You are no longer a member of this conversation")
        }
        try session.requireTrusted(session.book.members(of: conversationId).filter { $0 != session.me })
    }

    /// The cached message `messageId` in a conversation this account may still write to.
    private static func writable(_ messageId: String, in session: isolated AccountSession) async throws(DaemonError)
        -> CachedMessage
    {
        let message = try await session.requireMessage(messageId)
        try requireWritable(message.conversationId, in: session)
        return message
    }

    /// `messages.send`: durable in the outbox (and the cache, `state: pending`) before it returns.
    static func send(
        conversationId: String, text: String?, attachmentPath: String?, replyTo: String?,
        in session: isolated AccountSession
    ) async throws(DaemonError) -> MessageView {
        try requireWritable(conversationId, in: session)
        let body = text ?? ""
        try MessageRules.checkNew(text: body, hasAttachment: attachmentPath != nil)
        if let replyTo {
            guard let target = try await session.cachedMessage(replyTo), target.conversationId == conversationId
            else {
                throw DaemonError(.notFound, "No message \(replyTo) in this conversation to reply to")
            }
        }
        var attachment: CachedAttachment?
        if let attachmentPath { attachment = try await AttachmentTransfers.prepare(path: attachmentPath, in: session) }
        let id = EventID.random().hex
        let message = CachedMessage(
            id: id, conversationId: conversationId, senderId: session.me, text: body, replyTo: replyTo,
            createdAt: Date(), seen: true, state: .pending)
        var withAttachment = message
        withAttachment.attachment = attachment
        try await enqueue(
            .send(conversationId: conversationId, messageId: id, text: body, replyTo: replyTo, attachment: attachment),
            requestId: id, saving: withAttachment, in: session)
        session.tally.note(withAttachment)
        try? await session.search.upsert([SearchEntry(withAttachment)])
        let view = session.messageView(withAttachment)
        await session.publish(.messageNew(view))
        return view
    }

    /// `messages.edit`: own text messages, within 15 minutes.
    static func edit(messageId: String, text: String, in session: isolated AccountSession) async throws(DaemonError)
        -> MessageView
    {
        var message = try await writable(messageId, in: session)
        try MessageRules.checkEdit(of: message, to: text, me: session.me, now: Date())
        let eventId = EventID.random().hex
        try await enqueue(
            .edit(conversationId: message.conversationId, messageId: messageId, eventId: eventId, text: text),
            requestId: eventId, in: session)
        message.text = text
        message.editedAt = Date()
        try await session.store([message], notify: LocalEvent.messageEdited)
        return session.messageView(message)
    }

    /// `messages.delete`: own messages (or any, for a group admin); a soft delete.
    static func delete(messageId: String, in session: isolated AccountSession) async throws(DaemonError)
        -> MessageView
    {
        var message = try await writable(messageId, in: session)
        let roster = session.book.sessions[message.conversationId]?.state?.roster
        try MessageRules.checkDelete(
            of: message, me: session.me, isAdmin: roster?.isAdmin(session.deviceKeys.user) ?? false)
        guard !message.deleted else { return session.messageView(message) }
        let eventId = EventID.random().hex
        try await enqueue(
            .delete(conversationId: message.conversationId, messageId: messageId, eventId: eventId),
            requestId: eventId, in: session)
        message.deleted = true
        message.text = ""
        message.attachment = nil
        try await session.store([message], notify: LocalEvent.messageDeleted)
        return session.messageView(message)
    }

    /// `messages.react`: toggles this user's reaction.
    static func react(messageId: String, emoji: String, in session: isolated AccountSession)
        async throws(DaemonError) -> MessageView
    {
        var message = try await writable(messageId, in: session)
        try MessageRules.checkReaction(emoji, on: message)
        let on = !(message.reactions[emoji]?.contains(session.me) ?? false)
        let eventId = EventID.random().hex
        try await enqueue(
            .react(
                conversationId: message.conversationId, messageId: messageId, eventId: eventId, emoji: emoji, on: on),
            requestId: eventId, in: session)
        EventApplier.setReaction(&message, user: session.me, emoji: emoji, on: on)
        try await session.store([message], notify: LocalEvent.messageReaction)
        return session.messageView(message)
    }

    /// `conversations.markRead`: marks everything up to `upTo` (or the newest) seen, locally now and
    /// at the server through the outbox.
    static func markRead(conversationId: String, upTo: String?, in session: isolated AccountSession)
        async throws(DaemonError) -> ReadStateView
    {
        _ = try session.book.record(conversationId)
        let target: CachedMessage?
        if let upTo {
            target = try await session.requireMessage(upTo)
        } else {
            target = session.tally.newest[conversationId]
        }
        guard let target, target.conversationId == conversationId else {
            return ReadStateView(conversationId: conversationId, unread: session.tally.unread(in: conversationId))
        }
        var changed: [CachedMessage] = []
        for id in session.tally.unreadIds(in: conversationId) {
            guard var message = try await session.cachedMessage(id), message.createdAt <= target.createdAt else {
                continue
            }
            message.seen = true
            changed.append(message)
        }
        try await session.store(changed, notify: LocalEvent.messageSeen)
        if target.state != .pending {
            let requestId = EventID.random().hex
            try await enqueue(
                .markRead(conversationId: conversationId, upTo: target.id), requestId: requestId, in: session)
        }
        return ReadStateView(conversationId: conversationId, unread: session.tally.unread(in: conversationId))
    }
}
