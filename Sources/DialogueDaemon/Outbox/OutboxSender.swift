import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// The outbox sender: items leave in the order they were queued, each sealed in the current epoch
/// and sent; ``OutboxVerdict`` decides what a failure means for the item.
///
/// Each send runs behind the session's gate, since sealing spends a counter of the same E2EE
/// state sync and group operations advance.
enum OutboxSender {
    /// Sends queued items until the outbox is empty or a transient failure stops the pass.
    static func drain(in session: isolated AccountSession) async -> OutboxPass {
        let items: [OutboxItem]
        do {
            items = try await session.store.pendingOutbox()
        } catch {
            session.logger.error("the outbox could not be read", metadata: ["error": "\(error)"])
            return .retry(after: nil, reason: "the outbox could not be read")
        }
        for item in items {
            let intent: OutboxIntent
            do {
                intent = try JSONDecoder().decode(OutboxIntent.self, from: Data(item.payload))
            } catch {
                session.logger.error(
                    "dropped an unreadable outbox item", metadata: ["dialogue.request": "\(item.requestId)"])
                try? await session.store.completeOutbox(requestId: item.requestId)
                continue
            }
            let outcome: Result<Void, DaemonError>
            do {
                try await session.serialized { () async throws(DaemonError) in
                    try await perform(intent, in: session)
                }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            if let retry = await conclude(item, intent: intent, outcome: outcome, in: session) { return retry }
        }
        return .drained
    }

    /// Does what the verdict on one attempt says; a returned pass ends this one.
    private static func conclude(
        _ item: OutboxItem, intent: OutboxIntent, outcome: Result<Void, DaemonError>,
        in session: isolated AccountSession
    ) async -> OutboxPass? {
        var failure: DaemonError?
        if case .failure(let error) = outcome { failure = error }
        let reason = failure?.message ?? ""
        switch OutboxVerdict(outcome) {
        case .sent:
            try? await session.store.completeOutbox(requestId: item.requestId)
            return nil
        case .retry(let after):
            try? await session.store.recordAttempt(requestId: item.requestId, error: reason)
            return .retry(after: after, reason: reason)
        case .catchUp(let after):
            try? await session.store.recordAttempt(requestId: item.requestId, error: reason)
            try? await session.serialized { () async throws(DaemonError) in
                try await ConversationLog.catchUp(intent.conversationId, in: session)
            }
            return .retry(after: after, reason: reason)
        case .giveUp:
            session.logger.warning(
                "an outbox item failed for good",
                metadata: [
                    "dialogue.conversation": "\(intent.conversationId)", "error": "\(failure?.code.description ?? "")",
                ])
            try? await session.store.completeOutbox(requestId: item.requestId)
            await fail(intent, reason: reason, in: session)
            return nil
        }
    }

    /// Marks a send failed (with the reason) and tells front ends.
    private static func fail(_ intent: OutboxIntent, reason: String, in session: isolated AccountSession) async {
        guard case .send(_, let messageId, _, _, _) = intent, var message = try? await session.cachedMessage(messageId)
        else {
            return
        }
        message.state = .failed
        message.failureReason = reason
        try? await session.store([message], notify: LocalEvent.messageState)
    }

    /// The one place an own message becomes sent: the server's answer to the send, or its echo in
    /// the event stream, whichever comes first (front ends hear `message.state` once).
    /// - Returns: Whether the message is in the cache.
    static func markSent(
        _ id: String, createdAt: Date, seenBy: [String]? = nil, fromSync: Bool = false,
        in session: isolated AccountSession
    ) async throws(DaemonError) -> Bool {
        // The second confirmation of a send changes nothing the first did not write: it needs no
        // read of the cache (each message is read at most once on its way out).
        if let confirmed = session.sentUnconfirmed.removeValue(forKey: id), confirmed == createdAt,
            seenBy?.isEmpty ?? true
        {
            return true
        }
        guard var message = try await session.cachedMessage(id) else { return false }
        let wasPending = message.state != .sent
        message.state = .sent
        message.createdAt = createdAt
        message.failureReason = nil
        if let seenBy { message.seenBy = seenBy }
        let event: ((MessageView) -> LocalEvent)? = wasPending ? { .messageState($0) } : nil
        try await session.store([message], notify: event, fromSync: fromSync)
        if wasPending {
            // Only a hint: a burst whose other confirmations never come must not grow it forever.
            if session.sentUnconfirmed.count >= 1024 { session.sentUnconfirmed.removeAll() }
            session.sentUnconfirmed[id] = createdAt
        }
        return true
    }

    /// Encrypts in the current epoch and calls the server.
    private static func perform(_ intent: OutboxIntent, in session: isolated AccountSession) async throws(DaemonError) {
        let id = intent.conversationId
        guard session.book.sessions[id] != nil else { throw DaemonError(.notFound, "No conversation \(id)") }
        if session.book.records[id]?.removed == true {
            throw DaemonError(.forbidden, "You are no longer a member of this conversation")
        }
        let client = session.client
        let (deviceId, token) = (session.deviceId, session.token)
        switch intent {
        case .send(_, let messageId, let text, let replyTo, let queued):
            var attachment = queued
            if let queued {
                attachment = try await AttachmentTransfers.upload(
                    try await session.cachedMessage(messageId)?.attachment ?? queued, messageId: messageId,
                    in: session)
            }
            let reply = replyTo.flatMap { try? EventID(hex: $0) }
            let sealed = try await seal(
                .message(body: text, reply: reply, attachments: attachment.map { [$0.descriptor] } ?? []), in: id,
                eventId: messageId, session: session)
            let answer = try await DaemonError.converting {
                try await client.sendMessage(
                    SendMessageRequest(
                        id: messageId, deviceId: deviceId, epoch: sealed.epoch, envelope: sealed.envelope,
                        blobIds: attachment.map { [$0.blobId] }),
                    conversationId: id, token: token)
            }
            _ = try await markSent(messageId, createdAt: answer.message.createdAt, in: session)
        case .edit(_, let messageId, let eventId, let text):
            let sealed = try await seal(
                .edit(target: try target(messageId), body: text), in: id, eventId: eventId, session: session)
            try await DaemonError.converting {
                try await client.edit(messageId, sealed.request(eventId, deviceId: deviceId), token: token)
            }
        case .delete(_, let messageId, let eventId):
            let sealed = try await seal(
                .delete(target: try target(messageId)), in: id, eventId: eventId, session: session)
            try await DaemonError.converting {
                try await client.delete(messageId, sealed.request(eventId, deviceId: deviceId), token: token)
            }
        case .react(_, let messageId, let eventId, let emoji, let on):
            let sealed = try await seal(
                .reaction(target: try target(messageId), key: emoji, on: on), in: id, eventId: eventId,
                session: session)
            try await DaemonError.converting {
                try await client.react(messageId, sealed.request(eventId, deviceId: deviceId), token: token)
            }
        case .markRead(_, let upTo):
            try await DaemonError.converting { try await client.markSeen(upTo, upTo: true, token: token) }
        }
    }

    private static func target(_ messageId: String) throws(DaemonError) -> EventID {
        guard let target = try? EventID(hex: messageId) else { throw DaemonError(.invalidInput, "Bad message id") }
        return target
    }

    /// Seals one event in the conversation's current epoch (rekeying first when due) and saves the
    /// spent counter before the envelope can leave.
    private static func seal(
        _ plaintext: EventPlaintext, in id: String, eventId: String, session: isolated AccountSession
    ) async throws(DaemonError) -> OutgoingEnvelope {
        try await ConversationLog.rekeyIfNeeded(id, in: session)
        guard session.book.sessions[id] != nil, let eventID = try? EventID(hex: eventId) else {
            throw DaemonError(.notFound, "No conversation \(id)")
        }
        let sealed: SealedEvent
        do {
            // In place (see `open` in `EventSync`): `seal` changes nothing when it throws.
            sealed = try session.book.sessions[id]!.seal(
                plaintext, directory: session.contacts.directory, nowMs: AccountSession.nowMs(), eventID: eventID)
        } catch {
            switch error.code {
            case .editWindowPassed, .editNotAllowed, .deleteNotAllowed, .notMember, .unknownTarget:
                throw DaemonError(.forbidden, error.message)
            default:
                throw DaemonError("Encrypting failed", crypto: error, code: .failed)
            }
        }
        // The counter is spent: save it before the envelope leaves, so a crash cannot reuse it.
        try await ConversationLog.save(id, in: session)
        return OutgoingEnvelope(envelope: Bytes(Data(sealed.encoded)), epoch: Int64(sealed.header.epoch))
    }
}
