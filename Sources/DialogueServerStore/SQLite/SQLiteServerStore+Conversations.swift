import DialogueProtocol
import Foundation
import GRDB

extension SQLiteServerStore {
    package func createConversation(_ request: CreateConversationRequest, creator: String, now: Date)
        async throws(ServerStoreError) -> Conversation
    {
        try await write { db, events in
            if let author = try String.fetchOne(
                db,
                sql: "SELECT author_id FROM ops WHERE conversation_id = ? AND seq = 0",
                arguments: [request.id]
            ) {
                // A retry of the same create answers like the first time; anyone else's id is taken.
                try StoreRules.checkRetry(sameAuthor: author == creator, what: "conversation")
                return try Self.fetchConversation(db, id: request.id, for: creator)
            }
            let others = request.others(than: creator)
            let directKey = try request.directKey(
                creator: creator, others: others, knownUsers: try Self.knownUsers(db, among: others))
            if let directKey {
                try StoreRules.checkDirectPairFree(
                    existing: try String.fetchOne(
                        db, sql: "SELECT id FROM conversations WHERE direct_key = ?", arguments: [directKey]))
            }
            if let avatar = request.avatarBlobId { try Self.requireOwnBlob(db, id: avatar, ownerId: creator) }
            try db.execute(
                sql: """
                    INSERT INTO conversations
                        (id, is_group, direct_key, op_seq, epoch, epoch_started_at, avatar_blob_id, created_at, updated_at)
                    VALUES (?, ?, ?, 0, 0, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.id, request.isGroup, directKey, now.millis, request.avatarBlobId, now.millis, now.millis,
                ]
            )
            let creatorRole: MemberRole = request.isGroup ? .admin : .member
            try Self.insertMember(db, conversationId: request.id, userId: creator, role: creatorRole, seq: 0, now: now)
            for id in others {
                try Self.insertMember(db, conversationId: request.id, userId: id, role: .member, seq: 0, now: now)
            }
            let op = request.createOp(creator: creator, others: others, at: now)
            try Self.insertOp(db, op)
            try events.append(
                db,
                to: [creator] + others,
                type: .conversationCreated,
                data: EventData(conversationId: request.id, op: op),
                now: now
            )
            return try Self.fetchConversation(db, id: request.id, for: creator)
        }
    }

    package func conversations(for userId: String) async throws(ServerStoreError) -> [Conversation] {
        try await read { db in try Self.fetchConversations(db, for: userId) }
    }

    package func conversation(id: String, for userId: String) async throws(ServerStoreError) -> Conversation {
        try await read { db in try Self.fetchConversation(db, id: id, for: userId) }
    }

    package func appendOp(_ change: OpChange, now: Date) async throws(ServerStoreError) -> Conversation {
        try await write { db, events in
            let membership = try Self.requireMembership(
                db, conversationId: change.conversationId, userId: change.authorId)
            let before = try Self.memberIds(db, conversationId: change.conversationId)
            let effect = try change.rosterEffect(
                isGroup: membership.isGroup,
                authorIsAdmin: membership.isAdmin,
                expectedSeq: membership.opSeq + 1,
                members: Set(before),
                knownUsers: change.type == .add ? try Self.knownUsers(db, among: change.memberIds) : []
            )
            switch effect {
            case .add(let ids, let role):
                for id in ids {
                    try Self.insertMember(
                        db, conversationId: change.conversationId, userId: id, role: role, seq: change.seq, now: now)
                }
            case .remove(let id):
                try db.execute(
                    sql: "DELETE FROM members WHERE conversation_id = ? AND user_id = ?",
                    arguments: [change.conversationId, id]
                )
            case .setRole(let id, let role):
                try db.execute(
                    sql: "UPDATE members SET role = ? WHERE conversation_id = ? AND user_id = ?",
                    arguments: [role.rawValue, change.conversationId, id]
                )
            case .avatar(let blobId):
                if let blobId {
                    try Self.requireOwnBlob(db, id: blobId, ownerId: change.authorId)
                    try db.execute(
                        sql: "UPDATE conversations SET avatar_blob_id = ? WHERE id = ?",
                        arguments: [blobId, change.conversationId]
                    )
                }
            }
            let removed = effect.removed
            let after = try Self.memberIds(db, conversationId: change.conversationId)
            if membership.isGroup && !after.isEmpty {
                try Self.ensureAdmin(db, conversationId: change.conversationId)
            }
            var update = "UPDATE conversations SET op_seq = ?, updated_at = ?"
            var arguments: StatementArguments = [change.seq, now.millis]
            if change.type.startsEpoch {
                update += ", epoch = ?, epoch_started_at = ?, epoch_events = 0"
                arguments += [change.seq, now.millis]
            }
            update += " WHERE id = ?"
            arguments += [change.conversationId]
            try db.execute(sql: update, arguments: arguments)
            let op = change.op(at: now)
            try Self.insertOp(db, op)
            let data = EventData(conversationId: change.conversationId, op: op)
            try events.append(db, to: after, type: .conversationUpdated, data: data, now: now)
            try events.append(db, to: removed, type: .conversationRemoved, data: data, now: now)
            if after.isEmpty {
                // The last member left: nobody can read it any more.
                try Self.tombstoneBlobs(db, conversationId: change.conversationId)
                try db.execute(sql: "DELETE FROM conversations WHERE id = ?", arguments: [change.conversationId])
                return change.emptied(
                    isGroup: membership.isGroup, createdAt: Date(millis: membership.createdAt), now: now)
            }
            if removed.contains(change.authorId) {
                return try Self.fetchConversation(db, id: change.conversationId, for: after[0]).asLeft
            }
            return try Self.fetchConversation(db, id: change.conversationId, for: change.authorId)
        }
    }

    package func deleteConversation(id: String, by userId: String, now: Date) async throws(ServerStoreError) {
        try await write { db, events in
            let membership = try Self.requireMembership(db, conversationId: id, userId: userId)
            try StoreRules.checkConversationDelete(isGroup: membership.isGroup, isAdmin: membership.isAdmin)
            let members = try Self.memberIds(db, conversationId: id)
            try Self.tombstoneBlobs(db, conversationId: id)
            try db.execute(sql: "DELETE FROM conversations WHERE id = ?", arguments: [id])
            try events.append(
                db,
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
        try await read { db in
            _ = try Self.requireMembership(db, conversationId: conversationId, userId: userId)
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM ops WHERE conversation_id = ? AND seq >= ? ORDER BY seq",
                arguments: [conversationId, since]
            ).map(Self.op(from:))
        }
    }

    package func memberIds(conversationId: String) async throws(ServerStoreError) -> [String] {
        try await read { db in try Self.memberIds(db, conversationId: conversationId) }
    }

    static func insertMember(
        _ db: Database,
        conversationId: String,
        userId: String,
        role: MemberRole,
        seq: Int64,
        now: Date
    ) throws {
        try db.execute(
            sql: "INSERT INTO members (conversation_id, user_id, role, joined_at, joined_seq) VALUES (?, ?, ?, ?, ?)",
            arguments: [conversationId, userId, role.rawValue, now.millis, seq]
        )
    }

    /// Which of `ids` have accounts, in one query whatever their number.
    static func knownUsers(_ db: Database, among ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return Set(
            try String.fetchAll(
                db,
                sql: "SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [jsonArray(ids)]
            ))
    }

    static func insertOp(_ db: Database, _ op: ConversationOp) throws {
        try db.execute(
            sql: """
                INSERT INTO ops
                    (conversation_id, seq, type, author_id, author_device_id, member_ids, role, share_history, op, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                op.conversationId, op.seq, op.type.rawValue, op.authorId, op.authorDeviceId,
                jsonArray(op.memberIds), op.role?.rawValue, op.shareHistory, op.op.data, op.createdAt.millis,
            ]
        )
    }

    /// A group always has an admin: when the last one leaves, the longest-standing member takes over
    /// (the same deterministic rule every client applies to the verified log).
    static func ensureAdmin(_ db: Database, conversationId: String) throws {
        let admins = try Int.fetchOne(
            db,
            sql: "SELECT COUNT(*) FROM members WHERE conversation_id = ? AND role = 'admin'",
            arguments: [conversationId]
        )
        guard admins == 0 else { return }
        try db.execute(
            sql: """
                UPDATE members SET role = 'admin' WHERE conversation_id = ? AND user_id = (
                    SELECT user_id FROM members WHERE conversation_id = ?
                    ORDER BY joined_at, joined_seq, user_id LIMIT 1
                )
                """,
            arguments: [conversationId, conversationId]
        )
    }
}
