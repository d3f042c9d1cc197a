import DialogueProtocol
import Foundation
import PostgresNIO

/// Decoding of rows into wire types, and the loaders that assemble them in a fixed number of
/// queries, as the SQLite store's loaders do.
extension PostgresServerStore {
    typealias UserColumns = (String, String, String, String, String?, Int64, Int64?)
    /// The columns ``user(from:)`` reads, by position.
    static let userColumns = "id, email, fullname, bio, avatar_blob_id, created_at, last_seen"

    static func user(from row: UserColumns) -> User {
        User(
            id: row.0, email: row.1, fullname: row.2, bio: row.3, avatarBlobId: row.4,
            createdAt: Date(millis: row.5), lastSeen: row.6.map(Date.init(millis:)))
    }

    static func fetchUser(_ transaction: PostgresTransaction, id: String) async throws -> User? {
        try await transaction.first(
            "SELECT \(unescaped: userColumns) FROM users WHERE id = \(id)", as: UserColumns.self
        ).map(user(from:))
    }

    typealias ReactionColumns = (String, String, String, String, Int64, Data, Int64)
    static let reactionColumns = "id, message_id, user_id, device_id, epoch, envelope, created_at"

    static func reaction(from row: ReactionColumns) -> Reaction {
        Reaction(
            id: row.0, messageId: row.1, userId: row.2, deviceId: row.3, epoch: row.4, envelope: Bytes(row.5),
            createdAt: Date(millis: row.6))
    }

    /// The columns every message query selects, over alias `m`, in this order.
    static let messageColumns = """
        m.id, m.conversation_id, m.sender_id, m.sender_device_id, m.epoch, m.envelope, m.blob_ids, \
        m.created_at, m.edited_at, m.edit_envelope, m.deleted, m.deleted_at, m.deleted_by, m.delete_envelope
        """
    typealias MessageColumns = (
        String, String, String, String, Int64, Data?, [String], Int64, Int64?, Data?, Bool, Int64?, String?, Data?
    )

    /// The messages `query` selects (``messageColumns`` first), each with its reactions and seen
    /// marks: three queries whatever the number of messages.
    static func fetchMessages(_ transaction: PostgresTransaction, _ query: PostgresQuery) async throws -> [Message] {
        let rows = try await transaction.all(query, as: MessageColumns.self)
        if rows.isEmpty { return [] }
        let ids = rows.map(\.0)
        var reactions: [String: [Reaction]] = [:]
        for row in try await transaction.all(
            """
            SELECT \(unescaped: reactionColumns) FROM reactions WHERE message_id = ANY(\(ids))
            ORDER BY created_at, pos
            """,
            as: ReactionColumns.self
        ) {
            reactions[row.1, default: []].append(reaction(from: row))
        }
        var seen: [String: [String]] = [:]
        for (messageId, userId) in try await transaction.all(
            "SELECT message_id, user_id FROM receipts WHERE message_id = ANY(\(ids)) ORDER BY seen_at, user_id",
            as: (String, String).self
        ) {
            seen[messageId, default: []].append(userId)
        }
        return rows.map { row in
            Message(
                id: row.0,
                conversationId: row.1,
                senderId: row.2,
                senderDeviceId: row.3,
                epoch: row.4,
                envelope: row.5.map(Bytes.init),
                blobIds: row.6,
                createdAt: Date(millis: row.7),
                editedAt: row.8.map(Date.init(millis:)),
                editEnvelope: row.9.map(Bytes.init),
                deleted: row.10,
                deletedAt: row.11.map(Date.init(millis:)),
                deletedBy: row.12,
                deleteEnvelope: row.13.map(Bytes.init),
                reactions: reactions[row.0] ?? [],
                seenBy: seen[row.0] ?? []
            )
        }
    }

    static func fetchMessage(_ transaction: PostgresTransaction, id: String) async throws -> Message? {
        try await fetchMessages(
            transaction, "SELECT \(unescaped: messageColumns) FROM messages m WHERE m.id = \(id)"
        ).first
    }

    /// Throws `not_found` unless `userId` is a member of the conversation. Inside a write it
    /// locks the conversation row (`lock`), so the rule it checks holds until commit.
    static func requireMembership(
        _ transaction: PostgresTransaction, conversationId: String, userId: String, lock: Bool
    ) async throws -> StoredMembership {
        guard
            let row = try await transaction.first(
                """
                SELECT c.is_group, m.role, c.op_seq, c.epoch, c.created_at FROM conversations c
                JOIN members m ON m.conversation_id = c.id AND m.user_id = \(userId)
                WHERE c.id = \(conversationId) \(unescaped: lock ? "FOR UPDATE OF c" : "")
                """,
                as: (Bool, String, Int64, Int64, Int64).self
            )
        else { throw ServerStoreError.notFound("The conversation") }
        return StoredMembership(isGroup: row.0, role: row.1, opSeq: row.2, epoch: row.3, createdAt: row.4)
    }

    static func memberIds(_ transaction: PostgresTransaction, conversationId: String) async throws -> [String] {
        try await transaction.all(
            """
            SELECT user_id FROM members WHERE conversation_id = \(conversationId)
            ORDER BY joined_seq, joined_at, user_id
            """,
            as: String.self
        )
    }

    /// The caller's conversations (all, or those in `ids`), with members, last message and unread
    /// count, newest activity first: five queries whatever the number of conversations.
    static func fetchConversations(_ transaction: PostgresTransaction, for userId: String, ids: [String]? = nil)
        async throws -> [Conversation]
    {
        let rows = try await transaction.all(
            """
            SELECT c.id, c.is_group, c.op_seq, c.epoch, c.epoch_started_at, c.epoch_events, c.avatar_blob_id,
                c.created_at, c.updated_at
            FROM conversations c JOIN members me ON me.conversation_id = c.id AND me.user_id = \(userId)
            WHERE \(ids == nil) OR c.id = ANY(\(ids ?? []))
            """,
            as: (String, Bool, Int64, Int64, Int64, Int64, String?, Int64, Int64).self
        )
        if rows.isEmpty { return [] }
        let conversationIds = rows.map(\.0)

        var members: [String: [Member]] = [:]
        for (conversationId, memberId, role, joinedAt, joinedSeq) in try await transaction.all(
            """
            SELECT conversation_id, user_id, role, joined_at, joined_seq FROM members
            WHERE conversation_id = ANY(\(conversationIds)) ORDER BY joined_at, joined_seq, user_id
            """,
            as: (String, String, String, Int64, Int64).self
        ) {
            members[conversationId, default: []].append(
                Member(
                    userId: memberId, role: MemberRole(rawValue: role) ?? .member, joinedAt: Date(millis: joinedAt),
                    joinedSeq: joinedSeq))
        }

        var lastMessages: [String: Message] = [:]
        for message in try await fetchMessages(
            transaction,
            """
            SELECT DISTINCT ON (m.conversation_id) \(unescaped: messageColumns) FROM messages m
            WHERE m.conversation_id = ANY(\(conversationIds))
            ORDER BY m.conversation_id, m.created_at DESC, m.pos DESC
            """
        ) {
            lastMessages[message.conversationId] = message
        }

        var unread: [String: Int] = [:]
        for (conversationId, count) in try await transaction.all(
            """
            SELECT m.conversation_id, COUNT(*) FROM messages m
            JOIN members me ON me.conversation_id = m.conversation_id AND me.user_id = \(userId)
            WHERE m.conversation_id = ANY(\(conversationIds))
              AND m.sender_id <> \(userId) AND NOT m.deleted AND m.created_at >= me.joined_at
              AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id AND r.user_id = \(userId))
            GROUP BY m.conversation_id
            """,
            as: (String, Int64).self
        ) {
            unread[conversationId] = Int(count)
        }

        let conversations = rows.map { row -> Conversation in
            let roster = members[row.0] ?? []
            return Conversation(
                id: row.0,
                isGroup: row.1,
                members: roster,
                admin: row.1 ? roster.first(where: { $0.role == .admin })?.userId : nil,
                opSeq: row.2,
                epoch: row.3,
                epochStartedAt: Date(millis: row.4),
                epochEvents: row.5,
                avatarBlobId: row.6,
                createdAt: Date(millis: row.7),
                updatedAt: Date(millis: row.8),
                lastMessage: lastMessages[row.0],
                unread: unread[row.0] ?? 0
            )
        }
        return conversations.sortedByActivity()
    }

    static func fetchConversation(_ transaction: PostgresTransaction, id: String, for userId: String) async throws
        -> Conversation
    {
        guard let conversation = try await fetchConversations(transaction, for: userId, ids: [id]).first else {
            throw ServerStoreError.notFound("The conversation")
        }
        return conversation
    }
}
