import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// A conversation's signed op log, in and out: ops the server reports are verified into the
/// ``ConversationBook``, and ops this device proposes reach the book only once the server took them.
///
/// The functions run on the session (`isolated`), so the book, the contacts' keys and the cache
/// change together, in the one order the E2EE state needs.
enum ConversationLog {
    // MARK: - Applying ops

    /// Applies an op the server reported (sync), fetching any ops missed before it.
    static func absorb(_ op: DialogueProtocol.ConversationOp, in session: isolated AccountSession)
        async throws(DaemonError)
    {
        let id = op.conversationId
        if let state = session.book.sessions[id]?.state {
            if UInt64(op.seq) <= state.headSeq { return }
            if UInt64(op.seq) == state.headSeq + 1 {
                try await apply([op], to: id, in: session)
                return
            }
        }
        try await catchUp(id, in: session)
    }

    /// Fetches and applies every op after the local head (the whole log for a new conversation).
    static func catchUp(_ id: String, in session: isolated AccountSession) async throws(DaemonError) {
        let since = session.book.sessions[id]?.state.map { Int64($0.headSeq) + 1 } ?? 0
        let ops = try await DaemonError.converting {
            try await session.client.ops(of: id, since: since, token: session.token)
        }
        try await apply(ops, to: id, in: session)
    }

    /// Verifies and applies ops in order and saves the conversation.
    private static func apply(
        _ ops: [DialogueProtocol.ConversationOp], to id: String, in session: isolated AccountSession
    ) async throws(DaemonError) {
        guard !ops.isEmpty else { return }
        let people = session.book.people(in: ops, of: id)
        try await session.ensureKeys(for: people)
        if people.contains(where: { session.users[$0] == nil && $0 != session.me }) {
            try? await UserCommands.refreshUsers(in: session)
        }
        let record: ConversationRecord
        do throws(DaemonError) {
            record = try session.book.apply(
                ops, to: id, keys: session.deviceKeys, directory: session.contacts.directory)
        } catch {
            session.logger.error(
                "refused a conversation op", metadata: ["dialogue.conversation": "\(id)", "error": "\(error)"])
            throw error
        }
        try await save(id, in: session)
        // Only the newest avatar: the server lets members download just the one the group has now.
        if !record.removed, let avatar = record.avatar {
            await AvatarTransfers.fetchGroupAvatar(avatar, of: id, in: session)
        }
    }

    /// Writes the conversation's record (with its spent counters) to the cache.
    static func save(_ id: String, in session: isolated AccountSession) async throws(DaemonError) {
        let write = try session.book.write(id)
        do {
            try await session.store.apply(messages: [], meta: [write], cursor: nil)
        } catch {
            throw DaemonError("Saving a conversation failed", store: error)
        }
        session.recountConversations()
    }

    /// Forgets a deleted conversation and its messages.
    static func forget(_ id: String, in session: isolated AccountSession) async throws(DaemonError) {
        session.book.forget(id)
        session.syncBatch?.forget(conversation: id)
        try? await session.search.removeConversation(id)
        session.tally.forget(id)
        session.recountConversations()
        do {
            try await session.store.apply(
                messages: [], meta: [try .init(ConversationRecord.metaKey(id), ConversationRecord?.none)],
                deletingConversation: id, cursor: nil)
        } catch {
            throw DaemonError("Forgetting a conversation failed", store: error)
        }
    }

    // MARK: - Proposing ops

    /// Proposes an op on a copy of the session, publishes it, and keeps the copy only when the
    /// server accepted it; a sequence conflict refetches the log and tries once more.
    static func propose(
        _ id: String,
        _ payload: OpPayload,
        metadata: [UInt8]? = nil,
        in session: isolated AccountSession,
        post: (DialogueCrypto.ConversationOp) async throws(DaemonError) -> Void
    ) async throws(DaemonError) {
        for attempt in 0..<2 {
            guard var draft = session.book.sessions[id] else { throw DaemonError(.notFound, "No conversation \(id)") }
            let op: DialogueCrypto.ConversationOp
            do {
                op = try draft.propose(
                    payload, directory: session.contacts.directory, nowMs: AccountSession.nowMs(), metadata: metadata)
            } catch {
                switch error.code {
                case .notAdmin: throw DaemonError(.forbidden, "Only the group's admin can do that")
                case .notMember: throw DaemonError(.forbidden, "You are not a member of this conversation")
                default: throw DaemonError("That change is not allowed", crypto: error)
                }
            }
            do throws(DaemonError) {
                try await post(op)
            } catch  where error.serverCode == "seq_conflict" && attempt == 0 {
                try await catchUp(id, in: session)
                continue
            }
            session.book.adopt(draft, op: op, metadata: metadata, me: session.deviceKeys.user)
            try await save(id, in: session)
            await session.publishConversation(id)
            return
        }
    }

    /// A REKEY before the next send, when the policy asks for one (after a member left, a device
    /// was revoked, or the epoch grew old).
    static func rekeyIfNeeded(_ id: String, in session: isolated AccountSession) async throws(DaemonError) {
        let due: OpPayload.RekeyReason? = session.book.records[id]?.rekeyDue == true ? .deviceRevoked : nil
        guard let conversation = session.book.sessions[id],
            let reason = due
                ?? conversation.rekeyReason(directory: session.contacts.directory, nowMs: AccountSession.nowMs())
        else { return }
        try await session.ensureKeys(for: session.book.members(of: id))
        try await propose(id, .rekey(reason: reason), in: session) { (op) async throws(DaemonError) in
            _ = try await DaemonError.converting {
                try await session.client.appendOp(
                    AppendOpRequest(
                        seq: Int64(op.seq), type: .rekey, deviceId: session.deviceId, op: Bytes(Data(op.encoded))),
                    to: id, token: session.token)
            }
        }
        if due != nil {
            session.book.records[id]?.rekeyDue = nil
            try await save(id, in: session)
        }
    }
}
