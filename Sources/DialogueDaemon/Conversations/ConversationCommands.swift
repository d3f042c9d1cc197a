import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueStore
import Foundation

/// The `conversations.*` methods: the list front ends show, and the group operations this device
/// starts (each a signed op through ``ConversationLog/propose(_:_:metadata:in:post:)``).
///
/// Changes run behind the session's gate (`serialized`), in the one order sync and the outbox
/// also use, because they all advance the same E2EE state.
enum ConversationCommands {
    /// `conversations.list`, newest activity first; works offline.
    static func list(filter: String?, in session: isolated AccountSession) throws(DaemonError) -> [ConversationView] {
        try session.book.listed(filter: filter, tally: session.tally).compactMap { session.conversationView($0) }
    }

    // MARK: - Creating

    /// `conversations.open`: the direct conversation with `userId`, created when missing.
    static func openDirect(userId: String, in session: isolated AccountSession) async throws(DaemonError)
        -> ConversationView
    {
        guard userId != session.me else {
            throw DaemonError(.invalidInput, "A direct conversation needs someone else")
        }
        return try await session.serialized { () async throws(DaemonError) -> ConversationView in
            if let existing = session.book.direct(with: userId) { return try session.changedConversationView(existing) }
            guard let them = try? UserID(userId) else { throw DaemonError(.invalidInput, "Not a user id: \(userId)") }
            try await session.ensureKeys(for: [session.me, userId])
            try session.requireTrusted([userId])
            if session.users[userId] == nil { try? await UserCommands.refreshUsers(in: session) }
            return try await create(
                kind: .direct, members: [session.deviceKeys.user: .member, them: .member], info: nil, in: session)
        }
    }

    /// `conversations.createGroup`; the avatar is prepared before anything reaches the server.
    static func createGroup(
        name: String, memberIds: [String], avatarPath: String? = nil, in session: isolated AccountSession
    ) async throws(DaemonError) -> ConversationView {
        let name = try groupName(name)
        var sealed: SealedImage?
        if let avatarPath { sealed = try await AvatarTransfers.prepareGroupAvatar(path: avatarPath) }
        return try await session.serialized { () async throws(DaemonError) -> ConversationView in
            var members: [UserID: Role] = [session.deviceKeys.user: .admin]
            for id in memberIds where id != session.me {
                guard let user = try? UserID(id) else { throw DaemonError(.invalidInput, "Not a user id: \(id)") }
                members[user] = .member
            }
            try await session.ensureKeys(for: members.keys.map(\.rawValue))
            try session.requireTrusted(members.keys.map(\.rawValue))
            var avatar: CachedAttachment?
            if let sealed { avatar = try await AvatarTransfers.uploadGroupAvatar(sealed, in: session) }
            return try await create(
                kind: .group, members: members, info: GroupInfo(name: name, avatar: avatar), in: session)
        }
    }

    /// A group's name, trimmed, when it has 1 to 100 characters.
    private static func groupName(_ name: String) throws(DaemonError) -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw DaemonError(.invalidInput, "A group name must have 1 to 100 characters")
        }
        return name
    }

    private static func create(
        kind: ConversationKind, members: [UserID: Role], info: GroupInfo?, in session: isolated AccountSession
    ) async throws(DaemonError) -> ConversationView {
        let made: (session: ConversationSession, op: DialogueCrypto.ConversationOp)
        do {
            made = try ConversationSession.create(
                kind: kind, members: members, keys: session.deviceKeys, directory: session.contacts.directory,
                nowMs: AccountSession.nowMs(), metadata: info?.encoded)
        } catch {
            throw DaemonError(.failed, "Creating the conversation's keys failed", cause: error)
        }
        let id = made.op.conversation.description
        let others = members.keys.map(\.rawValue).filter { $0 != session.me }.sorted()
        do throws(DaemonError) {
            _ = try await DaemonError.converting {
                try await session.client.createConversation(
                    CreateConversationRequest(
                        id: id, isGroup: kind == .group, participants: others, deviceId: session.deviceId,
                        op: Bytes(Data(made.op.encoded)), avatarBlobId: info?.avatarBlobId),
                    token: session.token)
            }
        } catch  where error.serverCode == "conversation_exists" {
            guard let existing = error.existingConversationId else { throw error }
            try await ConversationLog.catchUp(existing, in: session)
            return try session.changedConversationView(existing)
        }
        session.book.add(made.session, op: made.op, isGroup: kind == .group, info: info)
        try await ConversationLog.save(id, in: session)
        let view = try session.changedConversationView(id)
        await session.publish(.conversationUpdated(view))
        return view
    }

    // MARK: - Group operations

    /// `conversations.addMembers`: one signed ADD per new member (each starts a new epoch).
    static func addMembers(_ id: String, memberIds: [String], in session: isolated AccountSession)
        async throws(DaemonError) -> ConversationView
    {
        try await session.serialized { () async throws(DaemonError) -> ConversationView in
            let record = try session.book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "Members can only be added to a group") }
            for memberId in memberIds where !session.book.members(of: id).contains(memberId) {
                guard let user = try? UserID(memberId) else {
                    throw DaemonError(.invalidInput, "Not a user id: \(memberId)")
                }
                try await session.ensureKeys(for: session.book.members(of: id) + [memberId])
                try session.requireTrusted([memberId])
                // The ADD repeats the name and avatar: the new member holds no key for older metadata.
                let info = record.name.map {
                    GroupInfo(name: $0, avatar: record.avatar, avatarBlobId: record.avatarBlobId)
                }
                try await ConversationLog.propose(
                    id, .add(user: user, role: .member, shareHistory: false), metadata: info?.encoded, in: session
                ) { (op) async throws(DaemonError) in
                    _ = try await DaemonError.converting {
                        try await session.client.addMembers(
                            AddMembersRequest(
                                conversationId: id, memberIds: [memberId], seq: Int64(op.seq),
                                deviceId: session.deviceId,
                                op: Bytes(Data(op.encoded)), shareHistory: false),
                            token: session.token)
                    }
                }
            }
            return try session.changedConversationView(id)
        }
    }

    /// `conversations.removeMember`: the admin removes someone; the REMOVE starts an epoch the
    /// removed member gets no key for.
    static func removeMember(_ id: String, memberId: String, in session: isolated AccountSession)
        async throws(DaemonError) -> MemberRemovalResult
    {
        if memberId == session.me {
            _ = try await leave(id, in: session)
            return .left
        }
        return try await session.serialized { () async throws(DaemonError) -> MemberRemovalResult in
            _ = try session.book.record(id)
            guard let user = try? UserID(memberId), session.book.members(of: id).contains(memberId) else {
                throw DaemonError(.notFound, "\(memberId) is not a member of this conversation")
            }
            try await session.ensureKeys(for: session.book.members(of: id), refresh: false)
            try await ConversationLog.propose(id, .remove(user: user), in: session) {
                (op) async throws(DaemonError) in
                try await postRemoval(of: memberId, from: id, op: op, in: session)
            }
            return .removed(try session.changedConversationView(id))
        }
    }

    /// `conversations.leave`.
    static func leave(_ id: String, in session: isolated AccountSession) async throws(DaemonError) -> EmptyResult {
        try await session.serialized { () async throws(DaemonError) -> EmptyResult in
            let record = try session.book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "You can only leave a group") }
            try await ConversationLog.propose(id, .leave, in: session) { (op) async throws(DaemonError) in
                try await postRemoval(of: session.me, from: id, op: op, in: session)
            }
            await session.publish(.conversationRemoved(ConversationRemovedView(id: id)))
            return EmptyResult()
        }
    }

    /// Sends a REMOVE (or a LEAVE, naming ourselves) to the server.
    private static func postRemoval(
        of memberId: String, from id: String, op: DialogueCrypto.ConversationOp, in session: isolated AccountSession
    ) async throws(DaemonError) {
        try await DaemonError.converting {
            try await session.client.removeMember(
                RemoveMemberRequest(
                    conversationId: id, memberId: memberId, seq: Int64(op.seq), deviceId: session.deviceId,
                    op: Bytes(Data(op.encoded))),
                token: session.token)
        }
    }

    /// `conversations.update`: a REKEY whose encrypted metadata carries the name and the avatar,
    /// each kept as it was unless given.
    static func updateGroup(
        _ id: String, name: String?, avatarPath: String? = nil, in session: isolated AccountSession
    ) async throws(DaemonError) -> ConversationView {
        var sealed: SealedImage?
        if let avatarPath { sealed = try await AvatarTransfers.prepareGroupAvatar(path: avatarPath) }
        return try await session.serialized { () async throws(DaemonError) -> ConversationView in
            let record = try session.book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "Only groups have a name") }
            let newName = try groupName(name ?? record.name ?? "Group")
            try await session.ensureKeys(for: session.book.members(of: id))
            var uploaded: CachedAttachment?
            if let sealed {
                // Checked before the upload too, so a refused change leaves no blob on the server.
                guard session.book.isAdmin(session.deviceKeys.user, in: id) else {
                    throw DaemonError(.forbidden, "Only the group's admin can do that")
                }
                uploaded = try await AvatarTransfers.uploadGroupAvatar(sealed, in: session)
            }
            let info = GroupInfo(
                name: newName, avatar: uploaded ?? record.avatar, avatarBlobId: record.avatarBlobId)
            try await ConversationLog.propose(id, .rekey(reason: .other), metadata: info.encoded, in: session) {
                (op) async throws(DaemonError) in
                // The server keeps its avatar when none is named: only a new upload is sent.
                _ = try await DaemonError.converting {
                    try await session.client.updateInfo(
                        UpdateInfoRequest(
                            conversationId: id, seq: Int64(op.seq), deviceId: session.deviceId,
                            op: Bytes(Data(op.encoded)), avatarBlobId: uploaded?.blobId),
                        token: session.token)
                }
            }
            return try session.changedConversationView(id)
        }
    }

    /// `conversations.delete` (group admin only).
    static func deleteGroup(_ id: String, in session: isolated AccountSession) async throws(DaemonError)
        -> EmptyResult
    {
        try await session.serialized { () async throws(DaemonError) -> EmptyResult in
            let record = try session.book.record(id)
            guard record.isGroup else { throw DaemonError(.forbidden, "Only a group can be deleted") }
            guard session.book.isAdmin(session.deviceKeys.user, in: id) else {
                throw DaemonError(.forbidden, "Only the group's admin can delete it")
            }
            try await DaemonError.converting { try await session.client.deleteConversation(id, token: session.token) }
            try await ConversationLog.forget(id, in: session)
            await session.publish(.conversationRemoved(ConversationRemovedView(id: id)))
            return EmptyResult()
        }
    }

    /// `conversations.setMuted`.
    static func setMuted(_ id: String, muted: Bool, in session: isolated AccountSession) async throws(DaemonError)
        -> ConversationView
    {
        _ = try session.book.record(id)
        session.book.records[id]?.muted = muted
        try await ConversationLog.save(id, in: session)
        return try session.changedConversationView(id)
    }
}
