import DialogueProtocol
import Foundation
import GRDB

extension SQLiteServerStore {
    package func createConversation(_ request: CreateConversationRequest, creator: String, now: Date)
        async throws(ServerStoreError) -> Conversation
    {
        try await write { db, events in
            if let existing = try Row.fetchOne(
                db,
                sql: "SELECT o.author_id FROM ops o WHERE o.conversation_id = ? AND o.seq = 0",
                arguments: [request.id]
            ) {
                // A retry of the same create answers like the first time; anyone else's id is taken.
                guard (existing["author_id"] as String) == creator else {
                    throw ServerStoreError.conflict(.idTaken, "That conversation id is taken: generate a new one.")
                }
                return try Self.fetchConversation(db, id: request.id, for: creator)
            }
            let others = Array(Set(request.participants).subtracting([creator])).sorted()
            for id in others where try Self.fetchUser(db, id: id) == nil {
                throw ServerStoreError.notFound("The user \(id)")
            }
            var directKey: String?
            if !request.isGroup {
                guard others.count == 1, let other = others.first else {
                    throw ServerStoreError.invalidInput("A direct conversation has exactly one other participant.")
                }
                let key = [creator, other].sorted().joined(separator: ":")
                if let existing = try String.fetchOne(
                    db,
                    sql: "SELECT id FROM conversations WHERE direct_key = ?",
                    arguments: [key]
                ) {
                    throw ServerStoreError.conflict(
                        .conversationExists,
                        "You already have a direct conversation with this person.",
                        conversationId: existing
                    )
                }
                directKey = key
            } else if others.isEmpty {
                throw ServerStoreError.invalidInput("A group needs at least one other participant.")
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
            let op = ConversationOp(
                conversationId: request.id,
                seq: 0,
                type: .create,
                authorId: creator,
                authorDeviceId: request.deviceId,
                memberIds: [creator] + others,
                role: nil,
                shareHistory: false,
                op: request.op,
                createdAt: now
            )
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
            let row = try Self.requireMembership(db, conversationId: change.conversationId, userId: change.authorId)
            let isGroup: Bool = row["is_group"]
            let authorIsAdmin = (row["my_role"] as String) == MemberRole.admin.rawValue
            let expected = (row["op_seq"] as Int64) + 1
            guard change.seq == expected else { throw ServerStoreError.seqConflict(expected: expected) }
            let before = Set(try Self.memberIds(db, conversationId: change.conversationId))
            func requireAdminOfGroup(_ action: String) throws(ServerStoreError) {
                guard isGroup else { throw ServerStoreError.forbidden("A direct conversation cannot \(action).") }
                guard authorIsAdmin else {
                    throw ServerStoreError.forbidden("Only the group's admin can \(action).", code: .notAdmin)
                }
            }
            var removed: [String] = []
            switch change.type {
            case .create:
                throw ServerStoreError.invalidInput("CREATE starts a conversation: use POST /api/conversations/create.")
            case .add:
                try requireAdminOfGroup("add members")
                guard !change.memberIds.isEmpty else { throw ServerStoreError.invalidInput("memberIds is empty.") }
                for id in Set(change.memberIds).sorted() {
                    guard try Self.fetchUser(db, id: id) != nil else {
                        throw ServerStoreError.notFound("The user \(id)")
                    }
                    guard !before.contains(id) else {
                        throw ServerStoreError.conflict(.alreadyMember, "That user is already a member.")
                    }
                    try Self.insertMember(
                        db,
                        conversationId: change.conversationId,
                        userId: id,
                        role: change.role ?? .member,
                        seq: change.seq,
                        now: now
                    )
                }
            case .remove:
                try requireAdminOfGroup("remove members")
                guard change.memberIds.count == 1, let target = change.memberIds.first else {
                    throw ServerStoreError.invalidInput("Remove exactly one member per op.")
                }
                guard target != change.authorId else {
                    throw ServerStoreError.invalidInput("To remove yourself, leave the group (a LEAVE op).")
                }
                guard before.contains(target) else { throw ServerStoreError.notFound("That member") }
                try db.execute(
                    sql: "DELETE FROM members WHERE conversation_id = ? AND user_id = ?",
                    arguments: [change.conversationId, target]
                )
                removed = [target]
            case .leave:
                guard isGroup else { throw ServerStoreError.forbidden("A direct conversation cannot be left.") }
                try db.execute(
                    sql: "DELETE FROM members WHERE conversation_id = ? AND user_id = ?",
                    arguments: [change.conversationId, change.authorId]
                )
                removed = [change.authorId]
            case .setRole:
                try requireAdminOfGroup("change roles")
                guard change.memberIds.count == 1, let target = change.memberIds.first, let role = change.role else {
                    throw ServerStoreError.invalidInput("SET_ROLE needs one memberId and a role.")
                }
                guard before.contains(target) else { throw ServerStoreError.notFound("That member") }
                try db.execute(
                    sql: "UPDATE members SET role = ? WHERE conversation_id = ? AND user_id = ?",
                    arguments: [role.rawValue, change.conversationId, target]
                )
            case .rekey:
                if change.requiresAdmin { try requireAdminOfGroup("change the group's name or avatar") }
                if let avatar = change.avatarBlobId {
                    try Self.requireOwnBlob(db, id: avatar, ownerId: change.authorId)
                    try db.execute(
                        sql: "UPDATE conversations SET avatar_blob_id = ? WHERE id = ?",
                        arguments: [avatar, change.conversationId]
                    )
                }
            }
            let after = try Self.memberIds(db, conversationId: change.conversationId)
            if isGroup && !after.isEmpty {
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
            let op = ConversationOp(
                conversationId: change.conversationId,
                seq: change.seq,
                type: change.type,
                authorId: change.authorId,
                authorDeviceId: change.authorDeviceId,
                memberIds: change.type == .leave ? [change.authorId] : change.memberIds,
                role: change.role,
                shareHistory: change.shareHistory,
                op: change.op,
                createdAt: now
            )
            try Self.insertOp(db, op)
            let data = EventData(conversationId: change.conversationId, op: op)
            try events.append(db, to: after, type: .conversationUpdated, data: data, now: now)
            try events.append(db, to: removed, type: .conversationRemoved, data: data, now: now)
            if after.isEmpty {
                // The last member left: nobody can read it any more.
                try Self.tombstoneBlobs(db, conversationId: change.conversationId)
                try db.execute(sql: "DELETE FROM conversations WHERE id = ?", arguments: [change.conversationId])
                return Conversation(
                    id: change.conversationId,
                    isGroup: isGroup,
                    members: [],
                    admin: nil,
                    opSeq: change.seq,
                    epoch: change.seq,
                    epochStartedAt: now,
                    epochEvents: 0,
                    avatarBlobId: nil,
                    createdAt: Date(millis: row["created_at"]),
                    updatedAt: now,
                    lastMessage: nil,
                    unread: 0
                )
            }
            if removed.contains(change.authorId) {
                var left = try Self.fetchConversation(db, id: change.conversationId, for: after[0])
                left.unread = 0
                left.lastMessage = nil
                return left
            }
            return try Self.fetchConversation(db, id: change.conversationId, for: change.authorId)
        }
    }

    package func deleteConversation(id: String, by userId: String, now: Date) async throws(ServerStoreError) {
        try await write { db, events in
            let row = try Self.requireMembership(db, conversationId: id, userId: userId)
            guard row["is_group"] as Bool else {
                throw ServerStoreError.forbidden("Only groups can be deleted; a direct conversation stays.")
            }
            guard (row["my_role"] as String) == MemberRole.admin.rawValue else {
                throw ServerStoreError.forbidden("Only the group's admin can delete it.", code: .notAdmin)
            }
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
