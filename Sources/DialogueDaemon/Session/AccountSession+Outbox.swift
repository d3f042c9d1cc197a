import DialogueCrypto
import DialogueProtocol
import DialogueStore
import Foundation

/// The outbox sender: items leave in the order they were queued, each retried with the same id
/// (the server stores a retried id once) until it succeeds or fails for a reason retrying cannot fix.
extension AccountSession {
    /// What one pass over the outbox ended with.
    enum OutboxPass: Sendable, Equatable {
        /// Everything went out.
        case drained
        /// A transient failure: try again after a backoff (or `Retry-After`).
        case retry(after: Double?, reason: String)
    }

    /// Sends queued items until the outbox is empty or a transient failure stops the pass.
    func drainOutbox() async -> OutboxPass {
        let items: [OutboxItem]
        do {
            items = try await store.pendingOutbox()
        } catch {
            logger.error("the outbox could not be read", metadata: ["error": "\(error)"])
            return .retry(after: nil, reason: "the outbox could not be read")
        }
        for item in items {
            let intent: OutboxIntent
            do {
                intent = try JSONDecoder().decode(OutboxIntent.self, from: Data(item.payload))
            } catch {
                logger.error("dropped an unreadable outbox item", metadata: ["dialogue.request": "\(item.requestId)"])
                try? await store.completeOutbox(requestId: item.requestId)
                continue
            }
            do {
                try await serialized { () async throws(DaemonError) in try await perform(intent) }
                try? await store.completeOutbox(requestId: item.requestId)
            } catch {
                if let retry = await classify(error, intent: intent, item: item) { return retry }
            }
        }
        return .drained
    }

    /// Decides between retrying later (returned) and failing the item for good (`nil`).
    private func classify(_ error: DaemonError, intent: OutboxIntent, item: OutboxItem) async -> OutboxPass? {
        let reason = error.message
        switch error.code {
        case .offline, .notSignedIn, .failed:
            try? await store.recordAttempt(requestId: item.requestId, error: reason)
            return .retry(after: nil, reason: reason)
        case .rateLimited:
            try? await store.recordAttempt(requestId: item.requestId, error: reason)
            return .retry(after: error.retryAfter.map(Double.init), reason: reason)
        case .conflict where error.serverCode == "stale_epoch" || error.serverCode == "seq_conflict":
            // Our view of the op log is behind: catch up, then the next pass seals in the new epoch.
            try? await store.recordAttempt(requestId: item.requestId, error: reason)
            try? await serialized { () async throws(DaemonError) in try await catchUp(intent.conversationId) }
            return .retry(after: 0.05, reason: reason)
        default:
            logger.warning(
                "an outbox item failed for good",
                metadata: ["dialogue.conversation": "\(intent.conversationId)", "error": "\(error.code)"])
            try? await store.completeOutbox(requestId: item.requestId)
            await fail(intent, reason: reason)
            return nil
        }
    }

    /// Marks a send failed (with the reason) and tells front ends.
    private func fail(_ intent: OutboxIntent, reason: String) async {
        guard intent.kind == .send, var message = try? await cachedMessage(intent.messageId) else { return }
        message.state = .failed
        message.failureReason = reason
        try? await store([message], notify: "message.state")
    }

    /// Encrypts in the current epoch and calls the server.
    private func perform(_ intent: OutboxIntent) async throws(DaemonError) {
        let id = intent.conversationId
        guard sessions[id] != nil else { throw DaemonError(.notFound, "No conversation \(id)") }
        if conversations[id]?.removed == true {
            throw DaemonError(.forbidden, "You are no longer a member of this conversation")
        }
        if intent.kind == .markRead {
            try await client.markSeen(intent.messageId, upTo: true, token: token)
            return
        }
        try await rekeyIfNeeded(id)
        let target = try? EventID(hex: intent.messageId)
        let plaintext: EventPlaintext
        let eventId: String
        var attachment = intent.attachment
        switch intent.kind {
        case .send:
            if let queued = intent.attachment {
                attachment = try await upload(
                    try await cachedMessage(intent.messageId)?.attachment ?? queued, messageId: intent.messageId)
            }
            let reply = intent.replyTo.flatMap { try? EventID(hex: $0) }
            plaintext = .message(
                body: intent.text ?? "", reply: reply, attachments: attachment.map { [$0.descriptor] } ?? [])
            eventId = intent.messageId
        case .edit:
            guard let target else { throw DaemonError(.invalidInput, "Bad message id") }
            plaintext = .edit(target: target, body: intent.text ?? "")
            eventId = intent.eventId ?? EventID.random().hex
        case .delete:
            guard let target else { throw DaemonError(.invalidInput, "Bad message id") }
            plaintext = .delete(target: target)
            eventId = intent.eventId ?? EventID.random().hex
        case .react:
            guard let target else { throw DaemonError(.invalidInput, "Bad message id") }
            plaintext = .reaction(target: target, key: intent.emoji ?? "", on: intent.on ?? true)
            eventId = intent.eventId ?? EventID.random().hex
        case .markRead:
            return
        }
        guard sessions[id] != nil, let eventID = try? EventID(hex: eventId) else {
            throw DaemonError(.notFound, "No conversation \(id)")
        }
        let sealed: SealedEvent
        do {
            // In place (see `open`): `seal` changes nothing when it throws.
            sealed = try sessions[id]!.seal(plaintext, directory: directory, nowMs: Self.nowMs(), eventID: eventID)
        } catch {
            switch error.code {
            case .editWindowPassed, .editNotAllowed, .deleteNotAllowed, .notMember, .unknownTarget:
                throw DaemonError(.forbidden, error.message)
            default:
                throw DaemonError(.failed, "Encrypting failed: \(error.message)")
            }
        }
        // The counter is spent: save it before the envelope leaves, so a crash cannot reuse it.
        try await save(conversation: id)
        let envelope = Bytes(Data(sealed.encoded))
        let epoch = Int64(sealed.header.epoch)
        switch intent.kind {
        case .send:
            let answer = try await client.sendMessage(
                SendMessageRequest(
                    id: eventId, deviceId: deviceId, epoch: epoch, envelope: envelope,
                    blobIds: attachment.map { [$0.blobId] }),
                conversationId: id, token: token)
            if var message = try await cachedMessage(eventId) {
                message.state = .sent
                message.createdAt = answer.message.createdAt
                message.failureReason = nil
                try await store([message], notify: "message.state")
            }
        case .edit:
            try await client.edit(
                intent.messageId,
                EventEnvelopeRequest(id: eventId, deviceId: deviceId, epoch: epoch, envelope: envelope),
                token: token)
        case .delete:
            try await client.delete(
                intent.messageId,
                EventEnvelopeRequest(id: eventId, deviceId: deviceId, epoch: epoch, envelope: envelope),
                token: token)
        case .react:
            try await client.react(
                intent.messageId,
                EventEnvelopeRequest(id: eventId, deviceId: deviceId, epoch: epoch, envelope: envelope),
                token: token)
        case .markRead:
            break
        }
    }
}
