import DialogueProtocol
import Foundation
import GRDB

/// Decoding of rows into wire types, and the loaders that assemble them in a fixed number of queries.
extension SQLiteServerStore {
    static func user(from row: Row) -> User {
        User(
            id: row["id"],
            email: row["email"],
            fullname: row["fullname"],
            bio: row["bio"],
            avatarBlobId: row["avatar_blob_id"],
            createdAt: Date(millis: row["created_at"]),
            lastSeen: (row["last_seen"] as Int64?).map(Date.init(millis:))
        )
    }

    static func fetchUser(_ db: Database, id: String) throws -> User? {
        try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(user(from:))
    }

    static func reaction(from row: Row) -> Reaction {
        Reaction(
            id: row["id"],
            messageId: row["message_id"],
            userId: row["user_id"],
            deviceId: row["device_id"],
            epoch: row["epoch"],
            envelope: Bytes(row["envelope"]),
            createdAt: Date(millis: row["created_at"])
        )
    }

    static func op(from row: Row) -> ConversationOp {
        ConversationOp(
            conversationId: row["conversation_id"],
            seq: row["seq"],
            type: OpType(rawValue: row["type"]) ?? .rekey,
            authorId: row["author_id"],
            authorDeviceId: row["author_device_id"],
            memberIds: decodeStringArray(row["member_ids"]),
            role: (row["role"] as String?).flatMap(MemberRole.init(rawValue:)),
            shareHistory: row["share_history"] as Bool,
            op: Bytes(row["op"]),
            createdAt: Date(millis: row["created_at"])
        )
    }

    /// Messages matching `condition` (over alias `m`), each with its reactions and seen marks.
    static func fetchMessages(
        _ db: Database,
        condition: String,
        arguments: StatementArguments,
        order: String = "m.created_at, m.rowid",
        limit: Int? = nil
    ) throws -> [Message] {
        var sql = "SELECT \(messageColumns) FROM messages m WHERE \(condition) ORDER BY \(order)"
        if let limit { sql += " LIMIT \(limit)" }
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        if rows.isEmpty { return [] }
        let ids: [String] = rows.map { $0[0] }
        let idList = jsonArray(ids)
        var reactions: [String: [Reaction]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM reactions WHERE message_id IN (SELECT value FROM json_each(?))
                ORDER BY created_at, rowid
                """,
            arguments: [idList]
        ) {
            let reaction = reaction(from: row)
            reactions[reaction.messageId, default: []].append(reaction)
        }
        var seen: [String: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT message_id, user_id FROM receipts WHERE message_id IN (SELECT value FROM json_each(?))
                ORDER BY seen_at, user_id
                """,
            arguments: [idList]
        ) {
            seen[row["message_id"], default: []].append(row["user_id"])
        }
        return rows.map { row in
            // By position, in the order of ``messageColumns``: a catch-up reads thousands of
            // rows, and a lookup by name compares column names case-insensitively each time.
            let id: String = row[0]
            return Message(
                id: id,
                conversationId: row[1],
                senderId: row[2],
                senderDeviceId: row[3],
                epoch: row[4],
                envelope: (row[5] as Data?).map(Bytes.init),
                blobIds: decodeStringArray(row[6]),
                createdAt: Date(millis: row[7]),
                editedAt: (row[8] as Int64?).map(Date.init(millis:)),
                editEnvelope: (row[9] as Data?).map(Bytes.init),
                deleted: row[10] as Bool,
                deletedAt: (row[11] as Int64?).map(Date.init(millis:)),
                deletedBy: row[12],
                deleteEnvelope: (row[13] as Data?).map(Bytes.init),
                reactions: reactions[id] ?? [],
                seenBy: seen[id] ?? []
            )
        }
    }

    /// The columns ``fetchMessages(_:condition:arguments:order:limit:)`` reads, by position.
    private static let messageColumns = """
        m.id, m.conversation_id, m.sender_id, m.sender_device_id, m.epoch, m.envelope, m.blob_ids, \
        m.created_at, m.edited_at, m.edit_envelope, m.deleted, m.deleted_at, m.deleted_by, m.delete_envelope
        """

    static func fetchMessage(_ db: Database, id: String) throws -> Message? {
        try fetchMessages(db, condition: "m.id = ?", arguments: [id]).first
    }

    /// The caller's conversations (all, or those in `ids`), with members, last message and unread
    /// count, newest activity first: four queries whatever the number of conversations.
    static func fetchConversations(_ db: Database, for userId: String, ids: [String]? = nil) throws -> [Conversation] {
        var sql = """
            SELECT c.* FROM conversations c
            JOIN members me ON me.conversation_id = c.id AND me.user_id = ?
            """
        var arguments: StatementArguments = [userId]
        if let ids {
            sql += " WHERE c.id IN (SELECT value FROM json_each(?))"
            arguments += [jsonArray(ids)]
        }
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        if rows.isEmpty { return [] }
        let conversationIds: [String] = rows.map { $0["id"] }
        let idList = jsonArray(conversationIds)

        var members: [String: [Member]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM members WHERE conversation_id IN (SELECT value FROM json_each(?))
                ORDER BY joined_at, joined_seq, user_id
                """,
            arguments: [idList]
        ) {
            members[row["conversation_id"], default: []].append(
                Member(
                    userId: row["user_id"],
                    role: MemberRole(rawValue: row["role"]) ?? .member,
                    joinedAt: Date(millis: row["joined_at"]),
                    joinedSeq: row["joined_seq"]
                )
            )
        }

        let lastIds = try String.fetchAll(
            db,
            sql: """
                SELECT id FROM (
                    SELECT id, ROW_NUMBER() OVER (
                        PARTITION BY conversation_id ORDER BY created_at DESC, rowid DESC
                    ) AS rn
                    FROM messages WHERE conversation_id IN (SELECT value FROM json_each(?))
                ) WHERE rn = 1
                """,
            arguments: [idList]
        )
        var lastMessages: [String: Message] = [:]
        for message in try fetchMessages(
            db,
            condition: "m.id IN (SELECT value FROM json_each(?))",
            arguments: [jsonArray(lastIds)]
        ) {
            lastMessages[message.conversationId] = message
        }

        var unread: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT m.conversation_id AS cid, COUNT(*) AS n FROM messages m
                JOIN members me ON me.conversation_id = m.conversation_id AND me.user_id = ?
                WHERE m.conversation_id IN (SELECT value FROM json_each(?))
                  AND m.sender_id != ? AND m.deleted = 0 AND m.created_at >= me.joined_at
                  AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id AND r.user_id = ?)
                GROUP BY m.conversation_id
                """,
            arguments: [userId, idList, userId, userId]
        ) {
            unread[row["cid"]] = row["n"]
        }

        let conversations = rows.map { row -> Conversation in
            let id: String = row["id"]
            let roster = members[id] ?? []
            let isGroup: Bool = row["is_group"]
            return Conversation(
                id: id,
                isGroup: isGroup,
                members: roster,
                admin: isGroup ? roster.first(where: { $0.role == .admin })?.userId : nil,
                opSeq: row["op_seq"],
                epoch: row["epoch"],
                epochStartedAt: Date(millis: row["epoch_started_at"]),
                epochEvents: row["epoch_events"],
                avatarBlobId: row["avatar_blob_id"],
                createdAt: Date(millis: row["created_at"]),
                updatedAt: Date(millis: row["updated_at"]),
                lastMessage: lastMessages[id],
                unread: unread[id] ?? 0
            )
        }
        return conversations.sortedByActivity()
    }

    static func fetchConversation(_ db: Database, id: String, for userId: String) throws -> Conversation {
        guard let conversation = try fetchConversations(db, for: userId, ids: [id]).first else {
            throw ServerStoreError.notFound("The conversation")
        }
        return conversation
    }
}
