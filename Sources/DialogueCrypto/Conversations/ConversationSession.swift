import Crypto

/// One device's view of one conversation: the verified state, the epoch secrets it holds, its send
/// counters and the receive bookkeeping. This is the API the daemon drives.
///
/// - Important: feed ops and events in the server's order (ops and events interleaved as the server
///   sequenced them). Staleness is judged against the state at the time an event is processed: an
///   event from a member who was removed *before* it in that order is refused.
package struct ConversationSession: Sendable {
    /// This device's keys; replace after a seal key rotation.
    package var keys: DeviceKeys
    package private(set) var state: ConversationState?
    package private(set) var epochSecrets: [UInt64: SymmetricKey] = [:]
    package private(set) var tracker = EventTracker()
    package var policy = RekeyPolicy()
    /// Next counter per epoch for events this device sends; persist it, since reusing a counter
    /// after a restart makes receivers refuse the event (``CryptoError/Code/counterReuse``).
    package private(set) var sendCounters: [UInt64: UInt64] = [:]

    /// A session that will learn the conversation from its op log (joining, or a new device).
    package init(keys: DeviceKeys) {
        self.keys = keys
    }

    /// Restores a session after a restart: replays the stored op log (verifying it again) and
    /// re-imports the stored epoch secrets and send counters. Received event ids are not restored
    /// here; the daemon's store deduplicates them by event id.
    package init(
        keys: DeviceKeys,
        replaying ops: [ConversationOp],
        directory: VerifiedDirectory,
        epochSecrets: [UInt64: SymmetricKey],
        sendCounters: [UInt64: UInt64] = [:]
    ) throws(CryptoError) {
        self.keys = keys
        state = try ConversationState.replay(ops, directory: directory)
        self.epochSecrets = epochSecrets
        self.sendCounters = sendCounters
    }

    package var user: UserID { keys.user }

    /// Creates a conversation and returns the signed CREATE op to publish.
    package static func create(
        kind: ConversationKind,
        members: [UserID: Role],
        keys: DeviceKeys,
        directory: VerifiedDirectory,
        nowMs: UInt64,
        conversation: ConversationID = .random(),
        metadata: [UInt8]? = nil
    ) throws(CryptoError) -> (session: ConversationSession, op: ConversationOp) {
        var session = ConversationSession(keys: keys)
        var roster = Roster()
        for (user, role) in members { roster.set(user, role: role, joinedSeq: 0) }
        let op = try session.author(
            .create(kind: kind, members: members), roster: roster, conversation: conversation, seq: 0,
            prevHash: [UInt8](repeating: 0, count: ConversationOp.hashSize), directory: directory, nowMs: nowMs,
            shareHistoryFrom: nil, metadata: metadata)
        try session.receive(op, directory: directory)
        return (session, op)
    }

    /// Builds, signs and locally applies the next op. Publish the returned op; if the server answers
    /// 409, refetch, ``receive(_:directory:)`` the missing ops and propose again.
    /// - Parameters:
    ///   - shareHistoryFrom: for ADD, share the secrets of epochs ≥ this number with the new member
    ///     (visible to everyone in the signed op); `nil` shares nothing.
    package mutating func propose(
        _ payload: OpPayload,
        directory: VerifiedDirectory,
        nowMs: UInt64,
        shareHistoryFrom: UInt64? = nil,
        metadata: [UInt8]? = nil
    ) throws(CryptoError) -> ConversationOp {
        guard let state else { throw CryptoError(.invalidOperation, "no conversation yet") }
        if case .add(_, _, let share) = payload, share != (shareHistoryFrom != nil) {
            throw CryptoError(.invalidOperation, "share_history must match shareHistoryFrom")
        }
        let seq = state.headSeq + 1
        let roster = try state.nextRoster(for: payload, author: user, seq: seq)
        let op = try author(
            payload, roster: roster, conversation: state.conversation, seq: seq, prevHash: state.headHash,
            directory: directory, nowMs: nowMs, shareHistoryFrom: shareHistoryFrom, metadata: metadata)
        try receive(op, directory: directory)
        return op
    }

    private mutating func author(
        _ payload: OpPayload,
        roster: Roster,
        conversation: ConversationID,
        seq: UInt64,
        prevHash: [UInt8],
        directory: VerifiedDirectory,
        nowMs: UInt64,
        shareHistoryFrom: UInt64?,
        metadata: [UInt8]?
    ) throws(CryptoError) -> ConversationOp {
        let rosterHash = try roster.hash { directory[$0]?.accountKeyBytes }
        var envelopes: [EpochEnvelope] = []
        var history: [EpochEnvelope] = []
        var secret: SymmetricKey?
        if payload.startsEpoch {
            let epochSecret = SymmetricKey(size: .bits256)
            secret = epochSecret
            for member in roster.users {
                for device in directory[member]?.devices.values.sorted(by: { $0.deviceID < $1.deviceID }) ?? []
                where device.deviceID != keys.deviceID {
                    let sealed = try EpochEnvelope.seal(epochSecret.bytes, to: device) { id, keyID in
                        EpochEnvelope.info(
                            purpose: .epochEnvelope, conversation: conversation, seq: seq, author: keys.deviceID,
                            recipient: id, sealKeyID: keyID, rosterHash: rosterHash)
                    }
                    if let sealed { envelopes.append(sealed) }
                }
            }
        }
        if case .add(let newUser, _, true) = payload, let from = shareHistoryFrom {
            let shared = historyPlaintext(from: from)
            for device in directory[newUser]?.devices.values.sorted(by: { $0.deviceID < $1.deviceID }) ?? [] {
                let sealed = try EpochEnvelope.seal(shared, to: device) { id, keyID in
                    EpochEnvelope.info(
                        purpose: .historyShare, conversation: conversation, seq: seq, author: keys.deviceID,
                        recipient: id, sealKeyID: keyID, rosterHash: nil)
                }
                if let sealed { history.append(sealed) }
            }
        }
        var meta: [UInt8] = []
        if let metadata {
            guard let secret else { throw CryptoError(.invalidOperation, "LEAVE cannot carry metadata") }
            meta = try GroupMetadata.seal(metadata, epochSecret: secret, conversation: conversation, seq: seq)
        }
        let unsigned = ConversationOp(
            payload: payload, conversation: conversation, seq: seq, prevHash: prevHash, author: user,
            authorDevice: keys.deviceID, createdAtMs: nowMs, rosterHash: rosterHash, envelopes: envelopes,
            historyEnvelopes: history, metaCiphertext: meta, signature: [])
        let signature = try Ed25519.sign(unsigned.body, purpose: .signGroupOp, with: keys.identityKey)
        let op = ConversationOp(
            payload: payload, conversation: conversation, seq: seq, prevHash: prevHash, author: user,
            authorDevice: keys.deviceID, createdAtMs: nowMs, rosterHash: rosterHash, envelopes: envelopes,
            historyEnvelopes: history, metaCiphertext: meta, signature: signature)
        pendingSecret = secret.map { (seq, $0) }
        return op
    }

    /// The secret of an op this device authored, kept until the op is applied.
    private var pendingSecret: (UInt64, SymmetricKey)?

    /// `u32(n) ‖ n×(u64(epoch) ‖ ES(32))` for every held epoch ≥ `from`.
    private func historyPlaintext(from: UInt64) -> [UInt8] {
        let shared = epochSecrets.filter { $0.key >= from }.sorted { $0.key < $1.key }
        var writer = ByteWriter(capacity: 4 + shared.count * 40)
        writer.u32(UInt32(shared.count))
        for (epoch, secret) in shared {
            writer.u64(epoch)
            writer.fixed(secret.bytes)
        }
        return writer.bytes
    }

    /// Validates and applies an op fetched from the server, then opens this device's envelope.
    /// Nothing changes when any check fails.
    /// - Returns: whether this device obtained the new epoch secret.
    @discardableResult
    package mutating func receive(_ op: ConversationOp, directory: VerifiedDirectory) throws(CryptoError) -> Bool {
        // The server echoes ops back to their author: the head op itself is accepted idempotently.
        if let state, op.seq == state.headSeq, op.hash == state.headHash {
            return epochSecrets[state.currentEpoch] != nil
        }
        var next: ConversationState
        if let state {
            next = state
            try next.apply(op, directory: directory)
        } else {
            next = try ConversationState(create: op, directory: directory)
        }
        var secrets = epochSecrets
        var obtained = false
        if op.payload.startsEpoch, next.roster.contains(user) {
            if op.authorDevice == keys.deviceID, let (seq, secret) = pendingSecret, seq == op.seq {
                secrets[op.seq] = secret
                obtained = true
            } else if let envelope = op.envelopes.first(where: { $0.recipient == keys.deviceID }) {
                let info = EpochEnvelope.info(
                    purpose: .epochEnvelope, conversation: op.conversation, seq: op.seq, author: op.authorDevice,
                    recipient: keys.deviceID, sealKeyID: envelope.sealKeyID, rosterHash: op.rosterHash)
                let secret = try envelope.open(with: keys, info: info)
                guard secret.count == 32 else { throw CryptoError(.invalidEncoding, "epoch secret must be 32 bytes") }
                secrets[op.seq] = SymmetricKey(data: secret)
                obtained = true
            }
        }
        if case .add(let added, _, true) = op.payload, added == user,
            let envelope = op.historyEnvelopes.first(where: { $0.recipient == keys.deviceID })
        {
            let info = EpochEnvelope.info(
                purpose: .historyShare, conversation: op.conversation, seq: op.seq, author: op.authorDevice,
                recipient: keys.deviceID, sealKeyID: envelope.sealKeyID, rosterHash: nil)
            var reader = ByteReader(try envelope.open(with: keys, info: info))
            let count = try reader.count(limit: 100_000)
            for _ in 0..<count {
                let epoch = try reader.u64()
                let secret = try reader.fixed(32)
                // Shared history may only cover epochs before the ADD.
                guard epoch < op.seq else { throw CryptoError(.invalidOperation, "history share names a future epoch") }
                secrets[epoch] = SymmetricKey(data: secret)
            }
            try reader.finish()
        }
        state = next
        epochSecrets = secrets
        if pendingSecret?.0 == op.seq { pendingSecret = nil }
        return obtained
    }

    /// Decrypts the metadata (title, avatar reference) an op carries, or `nil` when it carries none.
    /// - Throws: ``CryptoError/Code/unknownEpoch`` when this device lacks the op's epoch secret.
    package func metadata(of op: ConversationOp) throws(CryptoError) -> [UInt8]? {
        guard !op.metaCiphertext.isEmpty else { return nil }
        guard let secret = epochSecrets[op.seq] else {
            throw CryptoError(.unknownEpoch, "no secret for the op's epoch")
        }
        return try GroupMetadata.open(
            op.metaCiphertext, epochSecret: secret, conversation: op.conversation, seq: op.seq)
    }

    /// Whether an event id was already sent or accepted here (lets the daemon skip its own echoes).
    package func hasSeen(_ eventID: EventID) -> Bool { tracker.hasSeen(eventID) }

    /// Restores what the cache knows about a past message after a restart (see ``EventTracker/remember(_:facts:)``).
    package mutating func remember(_ id: EventID, facts: EventTracker.MessageFacts) {
        tracker.remember(id, facts: facts)
    }

    /// Adds epoch secrets received in a link bundle.
    package mutating func importEpochSecrets(_ secrets: [UInt64: SymmetricKey]) {
        epochSecrets.merge(secrets) { current, _ in current }
    }

    /// Why a REKEY must be published before the next send, or `nil`.
    package func rekeyReason(directory: VerifiedDirectory, nowMs: UInt64) -> OpPayload.RekeyReason? {
        guard let state else { return nil }
        return policy.reason(
            state: state, directory: directory, eventsInEpoch: tracker.eventsPerEpoch[state.currentEpoch] ?? 0,
            nowMs: nowMs)
    }

    /// Encrypts and signs an event in the current epoch.
    /// - Throws: ``CryptoError/Code/rekeyRequired`` when the rekey policy demands a REKEY first,
    ///   ``CryptoError/Code/editWindowPassed`` / ``CryptoError/Code/editNotAllowed`` for local
    ///   edit rules (using the injected clock `nowMs`).
    package mutating func seal(
        _ plaintext: EventPlaintext,
        directory: VerifiedDirectory,
        nowMs: UInt64,
        eventID: EventID = .random()
    ) throws(CryptoError) -> SealedEvent {
        guard let state, state.roster.contains(user) else { throw CryptoError(.notMember, "not a member") }
        if let reason = rekeyReason(directory: directory, nowMs: nowMs) {
            throw CryptoError(.rekeyRequired, "publish a REKEY (\(reason)) before sending")
        }
        let epoch = state.currentEpoch
        guard let secret = epochSecrets[epoch], let epochInfo = state.epoch(epoch) else {
            throw CryptoError(.unknownEpoch, "no secret for the current epoch")
        }
        if case .edit(let target, _) = plaintext, let facts = tracker.messages[target],
            nowMs >= facts.sentAtMs, nowMs - facts.sentAtMs > EditRules.editWindowMs
        {
            throw CryptoError(.editWindowPassed, "edits are allowed for 15 minutes after sending")
        }
        try EditRules.check(
            plaintext, sender: user, sentAtMs: nowMs, isAdmin: state.roster.isAdmin(user), messages: tracker.messages)
        let counter = sendCounters[epoch, default: 0]
        let header = EventHeader(
            conversation: state.conversation, epoch: epoch, epochOpHashPrefix: epochInfo.opHash, sender: user,
            senderDevice: keys.deviceID, eventID: eventID, counter: counter, sentAtMs: nowMs)
        let event = try SealedEvent.seal(
            plaintext.encoded, header: header, epochSecret: secret, signingKey: keys.identityKey)
        sendCounters[epoch] = counter + 1
        _ = tracker.record(header, plaintext: plaintext)
        return event
    }

    /// Verifies, decrypts and checks a received event, in the order of the design notes: version,
    /// conversation, epoch and fork, membership and staleness, device, signature, replay, decryption,
    /// strict parsing, edit/delete rules, counters. A signature already in `checked` under the
    /// same device key is not checked twice.
    package mutating func open(
        _ bytes: [UInt8],
        directory: VerifiedDirectory,
        nowMs: UInt64,
        checked: SignatureChecks = SignatureChecks()
    ) throws(CryptoError) -> ReceivedEvent {
        let event = try SealedEvent(parsing: bytes)
        let header = event.header
        guard let state else { throw CryptoError(.unknownEpoch, "no conversation state") }
        guard header.conversation == state.conversation else {
            throw CryptoError(.wrongConversation, "event belongs to another conversation")
        }
        guard let epoch = state.epoch(header.epoch) else {
            throw CryptoError(.unknownEpoch, "event names unknown epoch \(header.epoch)")
        }
        guard Array(epoch.opHash.prefix(EventHeader.opHashPrefixSize)) == header.epochOpHashPrefix else {
            throw CryptoError(.forkDetected, "event's epoch op hash differs from our log")
        }
        guard epoch.roster.contains(header.sender) else {
            throw CryptoError(.notMember, "\(header.sender) was not a member in epoch \(header.epoch)")
        }
        let stale = header.epoch < state.currentEpoch
        guard state.roster.contains(header.sender) else {
            throw stale
                ? CryptoError(.staleEpoch, "\(header.sender) was removed after epoch \(header.epoch)")
                : CryptoError(.notMember, "\(header.sender) left the conversation")
        }
        guard let device = directory.currentDevice(header.senderDevice, of: header.sender) else {
            throw stale
                ? CryptoError(.staleEpoch, "device was revoked after epoch \(header.epoch)")
                : CryptoError(.unknownDevice, "sender device is not in the verified device list")
        }
        if !checked.covers(bytes, key: device.identityKey) {
            try event.verifySignature(with: device.identityKey)
        }
        try tracker.check(header)
        guard let secret = epochSecrets[header.epoch] else {
            throw CryptoError(.unknownEpoch, "this device holds no secret for epoch \(header.epoch)")
        }
        let plaintext = try EventPlaintext(parsing: event.decrypt(epochSecret: secret))
        guard header.sentAtMs <= nowMs + EditRules.maxFutureSkewMs else {
            throw CryptoError(.futureTimestamp, "event is dated in the future")
        }
        try EditRules.check(
            plaintext, sender: header.sender, sentAtMs: header.sentAtMs, isAdmin: state.roster.isAdmin(header.sender),
            messages: tracker.messages)
        let missing = tracker.record(header, plaintext: plaintext)
        return ReceivedEvent(header: header, plaintext: plaintext, missingCounters: missing)
    }
}
