import DialogueProtocol
import Foundation

/// The op rules, once for both stores: each store reads what they need inside its writing
/// transaction and writes what they return.
extension OpChange {
    /// The roster change this op makes, or the rule it breaks.
    /// - Parameters:
    ///   - expectedSeq: The stored op sequence plus one.
    ///   - members: The members before the op.
    ///   - knownUsers: Which of ``memberIds`` have accounts (needed for ADD only).
    func rosterEffect(
        isGroup: Bool,
        authorIsAdmin: Bool,
        expectedSeq: Int64,
        members: Set<String>,
        knownUsers: Set<String>
    ) throws(ServerStoreError) -> RosterEffect {
        guard seq == expectedSeq else { throw ServerStoreError.seqConflict(expected: expectedSeq) }
        func requireAdminOfGroup(_ action: String) throws(ServerStoreError) {
            guard isGroup else { throw ServerStoreError.forbidden("A direct conversation cannot \(action).") }
            guard authorIsAdmin else {
                throw ServerStoreError.forbidden("Only the group's admin can \(action).", code: .notAdmin)
            }
        }
        switch type {
        case .create:
            throw ServerStoreError.invalidInput("CREATE starts a conversation: use POST /api/conversations/create.")
        case .add:
            try requireAdminOfGroup("add members")
            guard !memberIds.isEmpty else { throw ServerStoreError.invalidInput("memberIds is empty.") }
            let added = Set(memberIds).sorted()
            for id in added {
                guard knownUsers.contains(id) else { throw ServerStoreError.notFound("The user \(id)") }
                guard !members.contains(id) else {
                    throw ServerStoreError.conflict(.alreadyMember, "That user is already a member.")
                }
            }
            return .add(added, role: role ?? .member)
        case .remove:
            try requireAdminOfGroup("remove members")
            guard memberIds.count == 1, let target = memberIds.first else {
                throw ServerStoreError.invalidInput("Remove exactly one member per op.")
            }
            guard target != authorId else {
                throw ServerStoreError.invalidInput("To remove yourself, leave the group (a LEAVE op).")
            }
            guard members.contains(target) else { throw ServerStoreError.notFound("That member") }
            return .remove(target)
        case .leave:
            guard isGroup else { throw ServerStoreError.forbidden("A direct conversation cannot be left.") }
            return .remove(authorId)
        case .setRole:
            try requireAdminOfGroup("change roles")
            guard memberIds.count == 1, let target = memberIds.first, let role else {
                throw ServerStoreError.invalidInput("SET_ROLE needs one memberId and a role.")
            }
            guard members.contains(target) else { throw ServerStoreError.notFound("That member") }
            return .setRole(target, role)
        case .rekey:
            if requiresAdmin { try requireAdminOfGroup("change the group's name or avatar") }
            return .avatar(avatarBlobId)
        }
    }

    /// The op as it is logged and sent: a LEAVE names its author.
    func op(at now: Date) -> ConversationOp {
        ConversationOp(
            conversationId: conversationId,
            seq: seq,
            type: type,
            authorId: authorId,
            authorDeviceId: authorDeviceId,
            memberIds: type == .leave ? [authorId] : memberIds,
            role: role,
            shareHistory: shareHistory,
            op: op,
            createdAt: now
        )
    }

    /// What the last member to leave is answered: the conversation is gone with them.
    func emptied(isGroup: Bool, createdAt: Date, now: Date) -> Conversation {
        Conversation(
            id: conversationId,
            isGroup: isGroup,
            members: [],
            admin: nil,
            opSeq: seq,
            epoch: seq,
            epochStartedAt: now,
            epochEvents: 0,
            avatarBlobId: nil,
            createdAt: createdAt,
            updatedAt: now,
            lastMessage: nil,
            unread: 0
        )
    }
}
