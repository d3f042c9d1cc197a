import DialogueProtocol
import Foundation
import PostgresNIO

extension PostgresServerStore {
    package func createConversation(_ request: CreateConversationRequest, creator: String, now: Date)
        async throws(ServerStoreError) -> Conversation
    {
        try await write { transaction in
            if let author = try await transaction.first(
                "SELECT author_id FROM ops WHERE conversation_id = \(request.id) AND seq = 0", as: String.self)
            {
                // A retry of the same create answers like the first time; anyone else's id is taken.
                try StoreRules.checkRetry(sameAuthor: author == creator, what: "conversation")
                return try await Self.fetchConversation(transaction, id: request.id, for: creator)
            }
            let others = request.others(than: creator)
            let found: [String] = try await transaction.all(
                "SELECT id FROM users WHERE id = ANY(\(others))", as: String.self)
            let directKey = try request.directKey(creator: creator, others: others, knownUsers: Set(found))
            if let directKey {
                try StoreRules.checkDirectPairFree(
                    existing: try await transaction.first(
                        "SELECT id FROM conversations WHERE direct_key = \(directKey)", as: String.self))
            }
            if let avatar = request.avatarBlobId {
                try await Self.requireOwnBlob(transaction, id: avatar, ownerId: creator)
            }
            // Two instances creating the same id or the same direct pair: a unique key refuses the
            // second, which runs again and answers from the checks above.
            try await transaction.execute(
                """
                INSERT INTO conversations
                    (id, is_group, direct_key, op_seq, epoch, epoch_started_at, avatar_blob_id, created_at, updated_at)
                VALUES (\(request.id), \(request.isGroup), \(directKey), 0, 0, \(now.millis), \(request.avatarBlobId),
                    \(now.millis), \(now.millis))
                """
            )
            let roles = [creator: request.isGroup ? MemberRole.admin : .member]
            try await Self.insertMembers(
                transaction, conversationId: request.id, userIds: [creator] + others, roles: roles, default: .member,
                seq: 0, now: now)
            let op = request.createOp(creator: creator, others: others, at: now)
            try await Self.insertOp(transaction, op)
            try await transaction.append(
                to: [creator] + others,
                type: .conversationCreated,
                data: EventData(conversationId: request.id, op: op),
                now: now
            )
            return try await Self.fetchConversation(transaction, id: request.id, for: creator)
        }
    }

    package func conversations(for userId: String) async throws(ServerStoreError) -> [Conversation] {
        try await read { transaction in try await Self.fetchConversations(transaction, for: userId) }
    }

    package func conversation(id: String, for userId: String) async throws(ServerStoreError) -> Conversation {
        try await read { transaction in try await Self.fetchConversation(transaction, id: id, for: userId) }
    }

    package func appendOp(_ change: OpChange, now: Date) async throws(ServerStoreError) -> Conversation {
        try await write { transaction in
            let membership = try await Self.requireMembership(
                transaction, conversationId: change.conversationId, userId: change.authorId, lock: true)
            let before = try await Self.memberIds(transaction, conversationId: change.conversationId)
            let found: [String] =
                change.type == .add
                ? try await transaction.all(
                    "SELECT id FROM users WHERE id = ANY(\(change.memberIds))", as: String.self)
                : []
            let effect = try change.rosterEffect(
                isGroup: membership.isGroup,
                authorIsAdmin: membership.isAdmin,
                expectedSeq: membership.opSeq + 1,
                members: Set(before),
                knownUsers: Set(found)
            )
            switch effect {
            case .add(let ids, let role):
                try await Self.insertMembers(
                    transaction, conversationId: change.conversationId, userIds: ids, roles: [:], default: role,
                    seq: change.seq, now: now)
            case .remove(let id):
                try await transaction.execute(
                    "DELETE FROM members WHERE conversation_id = \(change.conversationId) AND user_id = \(id)")
            case .setRole(let id, let role):
                try await transaction.execute(
                    """
                    UPDATE members SET role = \(role.rawValue)
                    WHERE conversation_id = \(change.conversationId) AND user_id = \(id)
                    """
                )
            case .avatar(let blobId):
                if let blobId {
                    try await Self.requireOwnBlob(transaction, id: blobId, ownerId: change.authorId)
                    try await transaction.execute(
                        "UPDATE conversations SET avatar_blob_id = \(blobId) WHERE id = \(change.conversationId)")
                }
            }
            let removed = effect.removed
            let after = try await Self.memberIds(transaction, conversationId: change.conversationId)
            if membership.isGroup && !after.isEmpty {
                try await Self.ensureAdmin(transaction, conversationId: change.conversationId)
            }
            let startsEpoch = change.type.startsEpoch
            try await transaction.execute(
                """
                UPDATE conversations SET op_seq = \(change.seq), updated_at = \(now.millis),
                    epoch = CASE WHEN \(startsEpoch) THEN \(change.seq) ELSE epoch END,
                    epoch_started_at = CASE WHEN \(startsEpoch) THEN \(now.millis) ELSE epoch_started_at END,
                    epoch_events = CASE WHEN \(startsEpoch) THEN 0 ELSE epoch_events END
                WHERE id = \(change.conversationId)
                """
            )
            let op = change.op(at: now)
            try await Self.insertOp(transaction, op)
            let data = EventData(conversationId: change.conversationId, op: op)
            try await transaction.append(to: after, type: .conversationUpdated, data: data, now: now)
            try await transaction.append(to: removed, type: .conversationRemoved, data: data, now: now)
            if after.isEmpty {
                // The last member left: nobody can read it any more.
                try await Self.tombstoneBlobs(transaction, conversationId: change.conversationId)
                try await transaction.execute("DELETE FROM conversations WHERE id = \(change.conversationId)")
                return change.emptied(
                    isGroup: membership.isGroup, createdAt: Date(millis: membership.createdAt), now: now)
            }
            if removed.contains(change.authorId) {
                return try await Self.fetchConversation(transaction, id: change.conversationId, for: after[0]).asLeft
            }
            return try await Self.fetchConversation(transaction, id: change.conversationId, for: change.authorId)
        }
    }

    package func deleteConversation(id: String, by userId: String, now: Date) async throws(ServerStoreError) {
        try await write { transaction in
            let membership = try await Self.requireMembership(
                transaction, conversationId: id, userId: userId, lock: true)
            try StoreRules.checkConversationDelete(isGroup: membership.isGroup, isAdmin: membership.isAdmin)
            let members = try await Self.memberIds(transaction, conversationId: id)
            try await Self.tombstoneBlobs(transaction, conversationId: id)
            try await transaction.execute("DELETE FROM conversations WHERE id = \(id)")
            try await transaction.append(
                to: members,
                type: .conversationDeleted,
                data: EventData(conversationId: id, userId: userId),
                now: now
            )
        }
    }

    package func ops(conversationId: String, since: Int64, for userId: String) async throws(ServerStoreError)
        -> [ConversationOp]
    {
        try await read { transaction in
            _ = try await Self.requireMembership(
                transaction, conversationId: conversationId, userId: userId, lock: false)
            return try await transaction.all(
                """
                SELECT conversation_id, seq, type, author_id, author_device_id, member_ids, role, share_history, op,
                    created_at
                FROM ops WHERE conversation_id = \(conversationId) AND seq >= \(since) ORDER BY seq
                """,
                as: (String, Int64, String, String, String, [String], String?, Bool, Data, Int64).self
            ).map { row in
                ConversationOp(
                    conversationId: row.0,
                    seq: row.1,
                    type: OpType(rawValue: row.2) ?? .rekey,
                    authorId: row.3,
                    authorDeviceId: row.4,
                    memberIds: row.5,
                    role: row.6.flatMap(MemberRole.init(rawValue:)),
                    shareHistory: row.7,
                    op: Bytes(row.8),
                    createdAt: Date(millis: row.9)
                )
            }
        }
    }

    package func memberIds(conversationId: String) async throws(ServerStoreError) -> [String] {
        try await read { transaction in try await Self.memberIds(transaction, conversationId: conversationId) }
    }

    /// Adds members in one statement; `roles` overrides `default` for the users it names.
    static func insertMembers(
        _ transaction: PostgresTransaction,
        conversationId: String,
        userIds: [String],
        roles: [String: MemberRole],
        default role: MemberRole,
        seq: Int64,
        now: Date
    ) async throws {
        let roleNames = userIds.map { (roles[$0] ?? role).rawValue }
        try await transaction.execute(
            """
            INSERT INTO members (conversation_id, user_id, role, joined_at, joined_seq)
            SELECT \(conversationId), member.id, member.role, \(now.millis), \(seq)
            FROM unnest(\(userIds)::text[], \(roleNames)::text[]) AS member(id, role)
            """
        )
    }

    static func insertOp(_ transaction: PostgresTransaction, _ op: ConversationOp) async throws {
        try await transaction.execute(
            """
            INSERT INTO ops
                (conversation_id, seq, type, author_id, author_device_id, member_ids, role, share_history, op, created_at)
            VALUES (\(op.conversationId), \(op.seq), \(op.type.rawValue), \(op.authorId), \(op.authorDeviceId),
                \(op.memberIds), \(op.role?.rawValue), \(op.shareHistory), \(op.op.data), \(op.createdAt.millis))
            """
        )
    }

    /// A group always has an admin: when the last one leaves, the longest-standing member takes over
    /// (the same deterministic rule every client applies to the verified log).
    static func ensureAdmin(_ transaction: PostgresTransaction, conversationId: String) async throws {
        try await transaction.execute(
            """
            UPDATE members SET role = 'admin' WHERE conversation_id = \(conversationId)
            AND NOT EXISTS (SELECT 1 FROM members WHERE conversation_id = \(conversationId) AND role = 'admin')
            AND user_id = (
                SELECT user_id FROM members WHERE conversation_id = \(conversationId)
                ORDER BY joined_at, joined_seq, user_id LIMIT 1
            )
            """
        )
    }
}
