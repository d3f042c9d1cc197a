/// The verified state of a conversation, rebuilt by replaying its op log from CREATE.
///
/// Every client validates every op itself (chain, author device, signature, admin rights, kind
/// rules, roster hash against its own pinned keys); the server's ordering is used, never its word.
package struct ConversationState: Sendable {
    /// What is remembered about each epoch (each op except LEAVE starts one).
    package struct Epoch: Hashable, Sendable {
        package let number: UInt64
        package let opHash: [UInt8]
        package let roster: Roster
        package let startedAtMs: UInt64
        /// Devices the epoch secret was sealed to.
        package let recipients: Set<DeviceID>
    }

    package let conversation: ConversationID
    package let kind: ConversationKind
    package private(set) var roster: Roster
    package private(set) var headSeq: UInt64
    package private(set) var headHash: [UInt8]
    package private(set) var currentEpoch: UInt64
    package private(set) var epochs: [UInt64: Epoch]
    /// Set after a LEAVE: the next sender must REKEY first.
    package private(set) var memberLeftSinceRekey: Bool

    /// Validates a CREATE op and starts the state.
    package init(create op: ConversationOp, directory: VerifiedDirectory) throws(CryptoError) {
        guard case .create(let kind, let members) = op.payload else {
            throw CryptoError(.badChain, "the first op must be CREATE")
        }
        guard op.seq == 0, op.prevHash == [UInt8](repeating: 0, count: ConversationOp.hashSize) else {
            throw CryptoError(.badChain, "CREATE must have seq 0 and a zero prev_hash")
        }
        try Self.checkAuthor(op, directory: directory)
        guard let authorRole = members[op.author] else {
            throw CryptoError(.notMember, "CREATE author is not among the members")
        }
        switch kind {
        case .direct:
            guard members.count == 2, members.values.allSatisfy({ $0 == .member }) else {
                throw CryptoError(.invalidOperation, "a direct conversation has exactly two plain members")
            }
        case .group:
            guard authorRole == .admin, !members.isEmpty else {
                throw CryptoError(.notAdmin, "the creator of a group must be an admin")
            }
        }
        var roster = Roster()
        for (user, role) in members { roster.set(user, role: role, joinedSeq: 0) }
        conversation = op.conversation
        self.kind = kind
        self.roster = roster
        headSeq = 0
        headHash = []
        currentEpoch = 0
        epochs = [:]
        memberLeftSinceRekey = false
        try finish(op, directory: directory)
    }

    /// Rebuilds the state from a full log.
    package static func replay(_ ops: [ConversationOp], directory: VerifiedDirectory) throws(CryptoError)
        -> ConversationState
    {
        guard let first = ops.first else { throw CryptoError(.badChain, "empty op log") }
        var state = try ConversationState(create: first, directory: directory)
        for op in ops.dropFirst() { try state.apply(op, directory: directory) }
        return state
    }

    /// Validates and applies the next op.
    /// - Throws: ``CryptoError/Code/wrongConversation``, ``CryptoError/Code/badChain``,
    ///   ``CryptoError/Code/unknownDevice``, ``CryptoError/Code/badSignature``,
    ///   ``CryptoError/Code/notAdmin``, ``CryptoError/Code/directConversation``,
    ///   ``CryptoError/Code/notMember``, ``CryptoError/Code/invalidOperation``,
    ///   ``CryptoError/Code/rosterMismatch``.
    package mutating func apply(_ op: ConversationOp, directory: VerifiedDirectory) throws(CryptoError) {
        guard op.conversation == conversation else {
            throw CryptoError(.wrongConversation, "op belongs to another conversation")
        }
        guard op.seq == headSeq + 1, op.prevHash == headHash else {
            throw CryptoError(.badChain, "op \(op.seq) does not continue the log at \(headSeq)")
        }
        try Self.checkAuthor(op, directory: directory)
        roster = try nextRoster(for: op.payload, author: op.author, seq: op.seq)
        try finish(op, directory: directory)
    }

    /// The roster after `payload` by `author`, or the reason it is refused. Shared by validation and
    /// by op authoring so both sides apply the same rules.
    package func nextRoster(for payload: OpPayload, author: UserID, seq: UInt64) throws(CryptoError) -> Roster {
        guard roster.contains(author) else { throw CryptoError(.notMember, "\(author) is not a member") }
        var next = roster
        switch payload {
        case .create:
            throw CryptoError(.invalidOperation, "CREATE after the first op")
        case .add(let user, let role, _):
            try requireGroupAdmin(author)
            guard !roster.contains(user) else { throw CryptoError(.invalidOperation, "\(user) is already a member") }
            next.set(user, role: role, joinedSeq: seq)
        case .remove(let user):
            try requireGroupAdmin(author)
            guard roster.contains(user), user != author else {
                throw CryptoError(.invalidOperation, "REMOVE needs another current member (use LEAVE for yourself)")
            }
            next.remove(user)
        case .setRole(let user, let role):
            try requireGroupAdmin(author)
            guard roster.contains(user) else { throw CryptoError(.notMember, "\(user) is not a member") }
            next.setRole(user, role)
        case .rekey:
            break
        case .leave:
            next.remove(author)
        }
        if kind == .group { next.promoteLongestStandingIfNoAdmin() }
        return next
    }

    private func requireGroupAdmin(_ author: UserID) throws(CryptoError) {
        guard kind == .group else {
            throw CryptoError(.directConversation, "direct conversations allow no membership changes")
        }
        guard roster.isAdmin(author) else { throw CryptoError(.notAdmin, "\(author) is not an admin") }
    }

    private static func checkAuthor(_ op: ConversationOp, directory: VerifiedDirectory) throws(CryptoError) {
        guard let key = directory.anyDeviceKey(op.authorDevice, of: op.author) else {
            throw CryptoError(.unknownDevice, "op author device is not in \(op.author)'s verified device list")
        }
        try Ed25519.verify(op.signature, over: op.body, purpose: .signGroupOp, with: key)
    }

    /// Checks the roster hash and the envelope recipients, then advances the head and the epoch.
    private mutating func finish(_ op: ConversationOp, directory: VerifiedDirectory) throws(CryptoError) {
        let expected = try roster.hash { directory[$0]?.accountKeyBytes }
        guard expected == op.rosterHash else {
            throw CryptoError(.rosterMismatch, "roster hash differs from the one computed with our pinned keys")
        }
        let recipients = Set(op.envelopes.map(\.recipient))
        let memberDevices = roster.users.reduce(into: Set<DeviceID>()) {
            $0.formUnion(directory.knownDeviceIDs(of: $1))
        }
        guard recipients.isSubset(of: memberDevices) else {
            throw CryptoError(.unknownDevice, "op seals the epoch secret to a device outside the roster")
        }
        if case .add(let user, _, let share) = op.payload {
            let newDevices = directory.knownDeviceIDs(of: user)
            guard share || op.historyEnvelopes.isEmpty,
                Set(op.historyEnvelopes.map(\.recipient)).isSubset(of: newDevices)
            else {
                throw CryptoError(.invalidOperation, "history envelopes without a visible share flag")
            }
        } else if !op.historyEnvelopes.isEmpty {
            throw CryptoError(.invalidOperation, "history envelopes are only allowed on ADD")
        }
        let hash = op.hash
        headSeq = op.seq
        headHash = hash
        if op.payload.startsEpoch {
            currentEpoch = op.seq
            epochs[op.seq] = Epoch(
                number: op.seq, opHash: hash, roster: roster, startedAtMs: op.createdAtMs, recipients: recipients)
            memberLeftSinceRekey = false
        } else {
            guard op.envelopes.isEmpty, op.metaCiphertext.isEmpty else {
                throw CryptoError(.invalidOperation, "LEAVE carries no envelopes and no metadata")
            }
            memberLeftSinceRekey = true
        }
    }

    /// The epoch record for `number`.
    package func epoch(_ number: UInt64) -> Epoch? { epochs[number] }
}
