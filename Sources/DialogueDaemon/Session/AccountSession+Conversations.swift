import Crypto
import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// Conversations: the signed op log in, group operations out, and the list front ends show.
extension AccountSession {
    // MARK: - Applying ops

    /// Applies an op the server reported (sync), fetching any ops missed before it.
    func absorb(_ op: DialogueProtocol.ConversationOp) async throws(DaemonError) {
        let id = op.conversationId
        if let state = book.sessions[id]?.state {
            if UInt64(op.seq) <= state.headSeq { return }
            if UInt64(op.seq) == state.headSeq + 1 {
                try await apply([op], to: id)
                return
            }
        }
        try await catchUp(id)
    }

    /// Fetches and applies every op after the local head (the whole log for a new conversation).
    func catchUp(_ id: String) async throws(DaemonError) {
        let since = book.sessions[id]?.state.map { Int64($0.headSeq) + 1 } ?? 0
        let ops = try await client.ops(of: id, since: since, token: token)
        try await apply(ops, to: id)
    }

    /// Verifies and applies ops in order and saves the conversation.
    func apply(_ ops: [DialogueProtocol.ConversationOp], to id: String) async throws(DaemonError) {
        guard !ops.isEmpty else { return }
        let people = book.people(in: ops, of: id)
        try await ensureKeys(for: people)
        if people.contains(where: { users[$0] == nil && $0 != me }) { try? await UserCommands.refreshUsers(in: self) }
        let record: ConversationRecord
        do throws(DaemonError) {
            record = try book.apply(ops, to: id, keys: deviceKeys, directory: contacts.directory)
        } catch {
            logger.error(
                "refused a conversation op", metadata: ["dialogue.conversation": "\(id)", "error": "\(error)"])
            throw error
        }
        try await save(conversation: id)
        // Only the newest avatar: the server lets members download just the one the group has now.
        if !record.removed, let avatar = record.avatar {
            await AvatarTransfers.fetchGroupAvatar(avatar, of: id, in: self)
        }
    }

    func save(conversation id: String) async throws(DaemonError) {
        let write = try book.write(id)
        do {
            try await store.apply(messages: [], meta: [write], cursor: nil)
        } catch {
            throw DaemonError("Saving a conversation failed", store: error)
        }
        recountConversations()
    }

    /// Forgets a deleted conversation and its messages.
    func forget(conversation id: String) async throws(DaemonError) {
        book.forget(id)
        try? await search.removeConversation(id)
        tally.forget(id)
        recountConversations()
        do {
            try await store.apply(
                messages: [], meta: [try .init(ConversationRecord.metaKey(id), ConversationRecord?.none)],
                deletingConversation: id, cursor: nil)
        } catch {
            throw DaemonError("Forgetting a conversation failed", store: error)
        }
    }

    // MARK: - Views

    func conversationView(_ id: String) -> ConversationView? {
        book.view(
            id, me: me, tally: tally, name: displayName, lastMessage: messageView, avatarURL: blobs.groupAvatarURL)
    }

    /// Tells front ends a conversation changed (nothing when it is gone).
    func publishConversation(_ id: String) async {
        if let view = conversationView(id) { await publish(.conversationUpdated(view)) }
    }

    /// The view of a conversation a change just went through; missing only if it was deleted meanwhile.
    func changedConversationView(_ id: String) throws(DaemonError) -> ConversationView {
        guard let view = conversationView(id) else { throw DaemonError(.notFound, "No conversation \(id)") }
        return view
    }

    /// `conversations.list`, newest activity first; works offline.
    package func listConversations(filter: String?) throws(DaemonError) -> [ConversationView] {
        try book.listed(filter: filter, tally: tally).compactMap { conversationView($0) }
    }

    // MARK: - Creating

    /// `conversations.open`: the direct conversation with `userId`, created when missing.
    package func openDirect(userId: String) async throws(DaemonError) -> ConversationView {
        guard userId != me else { throw DaemonError(.invalidInput, "A direct conversation needs someone else") }
        return try await serialized { () async throws(DaemonError) -> ConversationView in
            if let existing = book.direct(with: userId) { return try changedConversationView(existing) }
            guard let them = try? UserID(userId) else { throw DaemonError(.invalidInput, "Not a user id: \(userId)") }
            try await ensureKeys(for: [me, userId])
            try requireTrusted([userId])
            if users[userId] == nil { try? await UserCommands.refreshUsers(in: self) }
            return try await create(kind: .direct, members: [deviceKeys.user: .member, them: .member], info: nil)
        }
    }

    /// `conversations.createGroup`; the avatar is prepared before anything reaches the server.
    package func createGroup(name: String, memberIds: [String], avatarPath: String? = nil) async throws(DaemonError)
        -> ConversationView
    {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw DaemonError(.invalidInput, "A group name must have 1 to 100 characters")
        }
        var sealed: SealedImage?
        if let avatarPath { sealed = try await AvatarTransfers.prepareGroupAvatar(path: avatarPath) }
        return try await serialized { () async throws(DaemonError) -> ConversationView in
            var members: [UserID: Role] = [deviceKeys.user: .admin]
            for id in memberIds where id != me {
                guard let user = try? UserID(id) else { throw DaemonError(.invalidInput, "Not a user id: \(id)") }
                members[user] = .member
            }
            try await ensureKeys(for: members.keys.map(\.rawValue))
            try requireTrusted(members.keys.map(\.rawValue))
            var avatar: CachedAttachment?
            if let sealed { avatar = try await AvatarTransfers.uploadGroupAvatar(sealed, in: self) }
            return try await create(kind: .group, members: members, info: GroupInfo(name: name, avatar: avatar))
        }
    }

    private func create(kind: ConversationKind, members: [UserID: Role], info: GroupInfo?) async throws(DaemonError)
        -> ConversationView
    {
        let made: (session: ConversationSession, op: DialogueCrypto.ConversationOp)
        do {
            made = try ConversationSession.create(
                kind: kind, members: members, keys: deviceKeys, directory: contacts.directory, nowMs: Self.nowMs(),
                metadata: info?.encoded)
        } catch {
            throw DaemonError(.failed, "Creating the conversation's keys failed", cause: error)
        }
        let id = made.op.conversation.description
        let others = members.keys.map(\.rawValue).filter { $0 != me }.sorted()
        do throws(DaemonError) {
            _ = try await client.createConversation(
                CreateConversationRequest(
                    id: id, isGroup: kind == .group, participants: others, deviceId: deviceId,
                    op: Bytes(Data(made.op.encoded)), avatarBlobId: info?.avatarBlobId),
                token: token)
        } catch  where error.serverCode == "conversation_exists" {
            guard let existing = error.existingConversationId else { throw error }
            try await catchUp(existing)
            return try changedConversationView(existing)
        }
        book.add(made.session, op: made.op, isGroup: kind == .group, info: info)
        try await save(conversation: id)
        let view = try changedConversationView(id)
        await publish(.conversationUpdated(view))
        return view
    }

    // MARK: - Group operations

    /// Proposes an op on a copy of the session, publishes it, and keeps the copy only when the
    /// server accepted it; a sequence conflict refetches the log and tries once more.
    private func propose(
        _ id: String,
        _ payload: OpPayload,
        metadata: [UInt8]? = nil,
        post: (DialogueCrypto.ConversationOp) async throws(DaemonError) -> Void
    ) async throws(DaemonError) {
        for attempt in 0..<2 {
            guard var draft = book.sessions[id] else { throw DaemonError(.notFound, "No conversation \(id)") }
            let op: DialogueCrypto.ConversationOp
            do {
                op = try draft.propose(payload, directory: contacts.directory, nowMs: Self.nowMs(), metadata: metadata)
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
                try await catchUp(id)
                continue
            }
            book.adopt(draft, op: op, metadata: metadata, me: deviceKeys.user)
            try await save(conversation: id)
            await publishConversation(id)
            return
        }
    }

    /// `conversations.addMembers`: one signed ADD per new member (each starts a new epoch).
    package func addMembers(_ id: String, memberIds: [String]) async throws(DaemonError) -> ConversationView {
        try await serialized { () async throws(DaemonError) -> ConversationView in
            let record = try book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "Members can only be added to a group") }
            for memberId in memberIds where !book.members(of: id).contains(memberId) {
                guard let user = try? UserID(memberId) else {
                    throw DaemonError(.invalidInput, "Not a user id: \(memberId)")
                }
                try await ensureKeys(for: book.members(of: id) + [memberId])
                try requireTrusted([memberId])
                // The ADD repeats the name and avatar: the new member holds no key for older metadata.
                let info = record.name.map {
                    GroupInfo(name: $0, avatar: record.avatar, avatarBlobId: record.avatarBlobId)
                }
                try await propose(id, .add(user: user, role: .member, shareHistory: false), metadata: info?.encoded) {
                    (op) async throws(DaemonError) in
                    _ = try await client.addMembers(
                        AddMembersRequest(
                            conversationId: id, memberIds: [memberId], seq: Int64(op.seq), deviceId: deviceId,
                            op: Bytes(Data(op.encoded)), shareHistory: false),
                        token: token)
                }
            }
            return try changedConversationView(id)
        }
    }

    /// `conversations.removeMember`: the admin removes someone; the REMOVE starts an epoch the
    /// removed member gets no key for.
    package func removeMember(_ id: String, memberId: String) async throws(DaemonError) -> MemberRemovalResult {
        if memberId == me {
            _ = try await leave(id)
            return .left
        }
        return try await serialized { () async throws(DaemonError) -> MemberRemovalResult in
            _ = try book.record(id)
            guard let user = try? UserID(memberId), book.members(of: id).contains(memberId) else {
                throw DaemonError(.notFound, "\(memberId) is not a member of this conversation")
            }
            try await ensureKeys(for: book.members(of: id), refresh: false)
            try await propose(id, .remove(user: user)) { (op) async throws(DaemonError) in
                try await client.removeMember(
                    RemoveMemberRequest(
                        conversationId: id, memberId: memberId, seq: Int64(op.seq), deviceId: deviceId,
                        op: Bytes(Data(op.encoded))),
                    token: token)
            }
            return .removed(try changedConversationView(id))
        }
    }

    /// `conversations.leave`.
    package func leave(_ id: String) async throws(DaemonError) -> EmptyResult {
        try await serialized { () async throws(DaemonError) -> EmptyResult in
            let record = try book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "You can only leave a group") }
            try await propose(id, .leave) { (op) async throws(DaemonError) in
                try await client.removeMember(
                    RemoveMemberRequest(
                        conversationId: id, memberId: me, seq: Int64(op.seq), deviceId: deviceId,
                        op: Bytes(Data(op.encoded))),
                    token: token)
            }
            await publish(.conversationRemoved(ConversationRemovedView(id: id)))
            return EmptyResult()
        }
    }

    /// `conversations.update`: a REKEY whose encrypted metadata carries the name and the avatar,
    /// each kept as it was unless given.
    package func updateGroup(_ id: String, name: String?, avatarPath: String? = nil) async throws(DaemonError)
        -> ConversationView
    {
        var sealed: SealedImage?
        if let avatarPath { sealed = try await AvatarTransfers.prepareGroupAvatar(path: avatarPath) }
        return try await serialized { () async throws(DaemonError) -> ConversationView in
            let record = try book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "Only groups have a name") }
            let newName = (name ?? record.name ?? "Group").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !newName.isEmpty, newName.count <= 100 else {
                throw DaemonError(.invalidInput, "A group name must have 1 to 100 characters")
            }
            try await ensureKeys(for: book.members(of: id))
            var uploaded: CachedAttachment?
            if let sealed {
                // Checked before the upload too, so a refused change leaves no blob on the server.
                guard book.isAdmin(deviceKeys.user, in: id) else {
                    throw DaemonError(.forbidden, "Only the group's admin can do that")
                }
                uploaded = try await AvatarTransfers.uploadGroupAvatar(sealed, in: self)
            }
            let info = GroupInfo(
                name: newName, avatar: uploaded ?? record.avatar, avatarBlobId: record.avatarBlobId)
            try await propose(id, .rekey(reason: .other), metadata: info.encoded) { (op) async throws(DaemonError) in
                // The server keeps its avatar when none is named: only a new upload is sent.
                _ = try await client.updateInfo(
                    UpdateInfoRequest(
                        conversationId: id, seq: Int64(op.seq), deviceId: deviceId, op: Bytes(Data(op.encoded)),
                        avatarBlobId: uploaded?.blobId),
                    token: token)
            }
            return try changedConversationView(id)
        }
    }

    /// `conversations.delete` (group admin only).
    package func deleteGroup(_ id: String) async throws(DaemonError) -> EmptyResult {
        try await serialized { () async throws(DaemonError) -> EmptyResult in
            let record = try book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "Only a group can be deleted") }
            guard book.isAdmin(deviceKeys.user, in: id) else {
                throw DaemonError(.forbidden, "Only the group's admin can delete it")
            }
            try await client.deleteConversation(id, token: token)
            try await forget(conversation: id)
            await publish(.conversationRemoved(ConversationRemovedView(id: id)))
            return EmptyResult()
        }
    }

    /// `conversations.setMuted`.
    package func setMuted(_ id: String, muted: Bool) async throws(DaemonError) -> ConversationView {
        _ = try book.record(id)
        book.records[id]?.muted = muted
        try await save(conversation: id)
        return try changedConversationView(id)
    }

    /// A REKEY before the next send, when the policy asks for one (after a member left, a device
    /// was revoked, or the epoch grew old).
    func rekeyIfNeeded(_ id: String) async throws(DaemonError) {
        let due: OpPayload.RekeyReason? = book.records[id]?.rekeyDue == true ? .deviceRevoked : nil
        guard let session = book.sessions[id],
            let reason = due ?? session.rekeyReason(directory: contacts.directory, nowMs: Self.nowMs())
        else { return }
        try await ensureKeys(for: book.members(of: id))
        try await propose(id, .rekey(reason: reason)) { (op) async throws(DaemonError) in
            _ = try await client.appendOp(
                AppendOpRequest(seq: Int64(op.seq), type: .rekey, deviceId: deviceId, op: Bytes(Data(op.encoded))),
                to: id, token: token)
        }
        if due != nil {
            book.records[id]?.rekeyDue = nil
            try await save(conversation: id)
        }
    }
}
