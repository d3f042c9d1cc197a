import Crypto
import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// The conversations this account is in, as this device verified them: each one's stored record
/// and its E2EE session (roster, epochs, counters, the events it has seen).
///
/// A value the account session owns: applying a verified op, adopting a proposal the server
/// accepted and building the list front ends see are synchronous steps on it, so the order the
/// E2EE state machine needs is the order they are called in.
struct ConversationBook: Sendable {
    var records: [String: ConversationRecord] = [:]
    /// Opened and sealed in place (`sessions[id]!.open(…)`): a copy would copy each session's
    /// per-message history on every event.
    var sessions: [String: ConversationSession] = [:]
    /// Epoch secrets a link bundle brought for conversations this device has not replayed yet.
    var linkedSecrets: [String: [UInt64: Data]] = [:]

    /// Conversations this user is still a member of.
    var activeCount: Int { records.values.filter { !$0.removed }.count }

    func record(_ id: String) throws(DaemonError) -> ConversationRecord {
        guard let record = records[id] else { throw DaemonError(.notFound, "No conversation \(id)") }
        return record
    }

    func members(of id: String) -> [String] {
        sessions[id]?.state?.roster.users.map(\.rawValue) ?? []
    }

    func isAdmin(_ user: UserID, in id: String) -> Bool {
        sessions[id]?.state?.roster.isAdmin(user) ?? false
    }

    /// The open direct conversation with `userId`, if there is one.
    func direct(with userId: String) -> String? {
        records.values.first { !$0.isGroup && !$0.removed && members(of: $0.id).contains(userId) }?.id
    }

    /// The other person of each direct conversation, by user id.
    func directByUser(me: String) -> [String: String] {
        Dictionary(
            records.values.filter { !$0.isGroup }.compactMap { record in
                members(of: record.id).first { $0 != me }.map { ($0, record.id) }
            }, uniquingKeysWith: { first, _ in first })
    }

    /// Everyone an op batch involves, so their keys can be fetched before verifying it.
    func people(in ops: [DialogueProtocol.ConversationOp], of id: String) -> Set<String> {
        var people = Set(ops.flatMap { $0.memberIds + [$0.authorId] })
        if let roster = sessions[id]?.state?.roster { people.formUnion(roster.users.map(\.rawValue)) }
        return people
    }

    /// Rebuilds a conversation's session from its stored op log, verifying every op again.
    static func restore(_ record: ConversationRecord, keys: DeviceKeys, directory: VerifiedDirectory) throws
        -> ConversationSession
    {
        let ops = try record.ops.map { data throws(DialogueCrypto.CryptoError) in
            try DialogueCrypto.ConversationOp(parsing: Array(data))
        }
        return try ConversationSession(
            keys: keys, replaying: ops, directory: directory,
            epochSecrets: record.epochSecrets.mapValues { SymmetricKey(data: $0) }, sendCounters: record.sendCounters)
    }

    /// Verifies and applies ops in log order (ops at or below the head are skipped); all or none.
    /// - Returns: The conversation's new record.
    mutating func apply(
        _ ops: [DialogueProtocol.ConversationOp], to id: String, keys: DeviceKeys,
        directory: VerifiedDirectory
    ) throws(DaemonError) -> ConversationRecord {
        var session = sessions[id] ?? ConversationSession(keys: keys)
        if sessions[id] == nil, let linked = linkedSecrets[id] {
            // A linked device holds no envelope in the REKEYs before it: the link bundle's secrets stand in.
            session.importEpochSecrets(linked.mapValues { SymmetricKey(data: $0) })
        }
        var record =
            records[id]
            ?? ConversationRecord(
                id: id, isGroup: false, createdAt: ops.first?.createdAt ?? Date(), ops: [], epochSecrets: [:],
                sendCounters: [:], name: nil, avatarBlobId: nil, muted: false, removed: false)
        for wire in ops {
            let op: DialogueCrypto.ConversationOp
            do {
                op = try DialogueCrypto.ConversationOp(parsing: Array(wire.op.data))
                if let head = session.state?.headSeq, op.seq <= head { continue }
                try session.receive(op, directory: directory)
            } catch {
                throw DaemonError(.forbidden, "An op of conversation \(id) did not verify", cause: error)
            }
            record.ops.append(wire.op.data)
            if case .create(let kind, _) = op.payload { record.isGroup = kind == .group }
            if let meta = try? session.metadata(of: op), let info = GroupInfo(bytes: meta) { record.show(info) }
        }
        record.removed = !(session.state?.roster.contains(keys.user) ?? false)
        sessions[id] = session
        records[id] = record
        return record
    }

    /// Keeps a new conversation this device created and the server accepted.
    mutating func add(
        _ session: ConversationSession, op: DialogueCrypto.ConversationOp, isGroup: Bool,
        info: GroupInfo?
    ) {
        let id = op.conversation.description
        sessions[id] = session
        var record = ConversationRecord(
            id: id, isGroup: isGroup, createdAt: Date(), ops: [Data(op.encoded)], epochSecrets: [:],
            sendCounters: [:], name: nil, avatarBlobId: nil, muted: false, removed: false)
        if let info { record.show(info) }
        records[id] = record
    }

    /// Keeps a proposed op once the server accepted it: the draft session becomes the session.
    mutating func adopt(
        _ draft: ConversationSession, op: DialogueCrypto.ConversationOp, metadata: [UInt8]?,
        me: UserID
    ) {
        let id = op.conversation.description
        sessions[id] = draft
        guard var record = records[id] else { return }
        record.ops.append(Data(op.encoded))
        if let metadata, let info = GroupInfo(bytes: metadata) { record.show(info) }
        record.removed = !(draft.state?.roster.contains(me) ?? false)
        records[id] = record
    }

    /// The cache write for a conversation, with its session's secrets and counters copied in.
    mutating func write(_ id: String) throws(DaemonError) -> LocalStore.MetaWrite {
        if let session = sessions[id] {
            records[id]?.sendCounters = session.sendCounters
            records[id]?.epochSecrets = session.epochSecrets.mapValues { $0.withUnsafeBytes { Data($0) } }
        }
        do {
            return try .init(ConversationRecord.metaKey(id), records[id])
        } catch {
            throw DaemonError(.failed, "A conversation could not be encoded", cause: error)
        }
    }

    mutating func forget(_ id: String) {
        records[id] = nil
        sessions[id] = nil
    }

    /// What a new device of this account needs of every conversation: its head and the epoch
    /// secrets this device holds.
    var linkKeys: [LinkBundle.ConversationKeys] {
        sessions.values.compactMap { session in
            guard let state = session.state else { return nil }
            return LinkBundle.ConversationKeys(
                conversation: state.conversation, headSeq: state.headSeq, headHash: state.headHash,
                epochSecrets: session.epochSecrets)
        }
    }
}
