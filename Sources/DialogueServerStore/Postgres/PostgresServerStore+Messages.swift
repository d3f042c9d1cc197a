import DialogueProtocol
import Foundation
import PostgresNIO

extension PostgresServerStore {
    package func sendMessage(
        conversationId: String,
        senderId: String,
        request: SendMessageRequest,
        limits: MessageLimits,
        now: Date
    ) async throws(ServerStoreError) -> Message {
        try await write { transaction in
            // A retry (from this instance or another) finds the stored message; two copies racing
            // on one id meet the primary key, and the loser runs again and lands here.
            if let existing = try await Self.fetchMessage(transaction, id: request.id) {
                try StoreRules.checkRetry(
                    sameAuthor: existing.senderId == senderId && existing.conversationId == conversationId,
                    what: "message")
                return existing
            }
            let conversation = try await Self.requireMembership(
                transaction, conversationId: conversationId, userId: senderId, lock: true)
            try StoreRules.checkEpoch(current: conversation.epoch, request.epoch)
            let blobIds = Array(Set(request.blobIds ?? [])).sorted()
            try StoreRules.checkBlobCount(blobIds.count, limits: limits)
            for blob in blobIds { try await Self.requireOwnBlob(transaction, id: blob, ownerId: senderId) }
            try await transaction.execute(
                """
                INSERT INTO messages
                    (id, conversation_id, sender_id, sender_device_id, epoch, envelope, blob_ids, created_at)
                VALUES (\(request.id), \(conversationId), \(senderId), \(request.deviceId), \(request.epoch),
                    \(request.envelope.data), \(blobIds), \(now.millis))
                """
            )
            if !blobIds.isEmpty {
                try await transaction.execute(
                    """
                    INSERT INTO message_blobs (blob_id, message_id, conversation_id)
                    SELECT blob, \(request.id), \(conversationId) FROM unnest(\(blobIds)::text[]) AS blob
                    """
                )
            }
            try await Self.countEvent(transaction, conversationId: conversationId, now: now)
            guard let message = try await Self.fetchMessage(transaction, id: request.id) else {
                throw ServerStoreError.notFound("The message")
            }
            try await transaction.append(
                to: try await Self.memberIds(transaction, conversationId: conversationId),
                type: .messageNew,
                data: EventData(conversationId: conversationId, message: message),
                now: now
            )
            return message
        }
    }

    package func history(conversationId: String, for userId: String, before: String?, limit: Int)
        async throws(ServerStoreError) -> (messages: [Message], nextBefore: String?)
    {
        try await read { transaction in
            _ = try await Self.requireMembership(
                transaction, conversationId: conversationId, userId: userId, lock: false)
            var anchor: (Int64, Int64) = (Int64.max, Int64.max)
            if let before {
                guard
                    let found = try await transaction.first(
                        "SELECT created_at, pos FROM messages WHERE id = \(before) AND conversation_id = \(conversationId)",
                        as: (Int64, Int64).self)
                else { throw ServerStoreError.notFound("The `before` message") }
                anchor = found
            }
            let page = try await Self.fetchMessages(
                transaction,
                """
                SELECT \(unescaped: Self.messageColumns) FROM messages m
                WHERE m.conversation_id = \(conversationId) AND (m.created_at, m.pos) < (\(anchor.0), \(anchor.1))
                ORDER BY m.created_at DESC, m.pos DESC LIMIT \(limit)
                """
            )
            let messages = Array(page.reversed())
            return (messages, page.count == limit ? messages.first?.id : nil)
        }
    }

    package func recentMessages(for userId: String, limit: Int) async throws(ServerStoreError) -> [Message] {
        try await read { transaction in
            let page = try await Self.fetchMessages(
                transaction,
                """
                SELECT \(unescaped: Self.messageColumns) FROM messages m
                WHERE NOT m.deleted AND EXISTS (
                    SELECT 1 FROM members me WHERE me.conversation_id = m.conversation_id
                    AND me.user_id = \(userId) AND m.created_at >= me.joined_at
                )
                ORDER BY m.created_at DESC, m.pos DESC LIMIT \(limit)
                """
            )
            return page.reversed()
        }
    }

    package func markSeen(messageId: String, by userId: String, upTo: Bool, now: Date) async throws(ServerStoreError)
        -> SeenReceipt
    {
        try await write { transaction in
            guard
                let (conversationId, createdAt, pos) = try await transaction.first(
                    "SELECT conversation_id, created_at, pos FROM messages WHERE id = \(messageId)",
                    as: (String, Int64, Int64).self)
            else { throw ServerStoreError.notFound("The message") }
            _ = try await Self.requireMembership(
                transaction, conversationId: conversationId, userId: userId, lock: true)
            // Marks only what nobody marked before, in message order, in one statement.
            let newlySeen = try await transaction.all(
                """
                WITH seen AS (
                    INSERT INTO receipts (message_id, user_id, seen_at)
                    SELECT m.id, \(userId), \(now.millis) FROM messages m
                    WHERE m.conversation_id = \(conversationId) AND m.sender_id <> \(userId) AND NOT m.deleted
                      AND (CASE WHEN \(upTo) THEN (m.created_at, m.pos) <= (\(createdAt), \(pos))
                           ELSE m.id = \(messageId) END)
                    ON CONFLICT (message_id, user_id) DO NOTHING
                    RETURNING message_id
                )
                SELECT m.id FROM messages m JOIN seen ON seen.message_id = m.id ORDER BY m.created_at, m.pos
                """,
                as: String.self
            )
            let receipt = SeenReceipt(
                conversationId: conversationId, userId: userId, messageIds: newlySeen, seenAt: now)
            if !newlySeen.isEmpty {
                try await transaction.append(
                    to: try await Self.memberIds(transaction, conversationId: conversationId),
                    type: .messageSeen,
                    data: EventData(conversationId: conversationId, receipt: receipt),
                    now: now
                )
            }
            return receipt
        }
    }

    package func editMessage(
        messageId: String,
        by userId: String,
        request: EventEnvelopeRequest,
        limits: MessageLimits,
        now: Date
    ) async throws(ServerStoreError) -> Message {
        try await write { transaction in
            guard let message = try await Self.fetchMessage(transaction, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            let conversation = try await Self.requireMembership(
                transaction, conversationId: message.conversationId, userId: userId, lock: true)
            try StoreRules.checkEditor(message, userId: userId)
            let editId = try await transaction.first(
                "SELECT edit_id FROM messages WHERE id = \(messageId)", as: String?.self)
            if editId ?? nil == request.id { return message }
            try StoreRules.checkEditable(message, now: now, limits: limits)
            try StoreRules.checkEpoch(current: conversation.epoch, request.epoch)
            try await transaction.execute(
                """
                UPDATE messages SET edit_id = \(request.id), edit_envelope = \(request.envelope.data),
                    edited_at = \(now.millis)
                WHERE id = \(messageId)
                """
            )
            try await Self.countEvent(transaction, conversationId: message.conversationId, now: now)
            return try await Self.logChanged(
                transaction, messageId: messageId, conversationId: message.conversationId, as: .messageEdited, now: now)
        }
    }

    package func deleteMessage(messageId: String, by userId: String, request: EventEnvelopeRequest?, now: Date)
        async throws(ServerStoreError) -> Message
    {
        try await write { transaction in
            guard let message = try await Self.fetchMessage(transaction, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            let conversation = try await Self.requireMembership(
                transaction, conversationId: message.conversationId, userId: userId, lock: true)
            try StoreRules.checkDeleter(
                message, userId: userId, isGroupAdmin: conversation.isGroup && conversation.isAdmin)
            if message.deleted { return message }
            if let request { try StoreRules.checkEpoch(current: conversation.epoch, request.epoch) }
            try await transaction.execute(
                "UPDATE blobs SET data = NULL, tombstoned = TRUE WHERE id = ANY(\(message.blobIds))")
            try await transaction.execute("DELETE FROM message_blobs WHERE message_id = \(messageId)")
            try await transaction.execute("DELETE FROM reactions WHERE message_id = \(messageId)")
            try await transaction.execute(
                """
                UPDATE messages SET envelope = NULL, edit_envelope = NULL, edit_id = NULL, blob_ids = '{}',
                    deleted = TRUE, deleted_at = \(now.millis), deleted_by = \(userId),
                    delete_envelope = \(request?.envelope.data)
                WHERE id = \(messageId)
                """
            )
            return try await Self.logChanged(
                transaction, messageId: messageId, conversationId: message.conversationId, as: .messageDeleted, now: now
            )
        }
    }

    package func react(
        messageId: String,
        by userId: String,
        request: EventEnvelopeRequest,
        now: Date
    ) async throws(ServerStoreError) -> Reaction {
        try await write { transaction in
            if let row = try await transaction.first(
                "SELECT \(unescaped: Self.reactionColumns) FROM reactions WHERE id = \(request.id)",
                as: ReactionColumns.self)
            {
                let existing = Self.reaction(from: row)
                try StoreRules.checkRetry(
                    sameAuthor: existing.userId == userId && existing.messageId == messageId, what: "reaction")
                return existing
            }
            guard let message = try await Self.fetchMessage(transaction, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            let conversation = try await Self.requireMembership(
                transaction, conversationId: message.conversationId, userId: userId, lock: true)
            try StoreRules.checkReactable(message)
            try StoreRules.checkEpoch(current: conversation.epoch, request.epoch)
            try await transaction.execute(
                """
                INSERT INTO reactions (id, message_id, user_id, device_id, epoch, envelope, created_at)
                VALUES (\(request.id), \(messageId), \(userId), \(request.deviceId), \(request.epoch),
                    \(request.envelope.data), \(now.millis))
                """
            )
            try await Self.countEvent(transaction, conversationId: message.conversationId, now: now)
            let reaction = request.reaction(to: messageId, by: userId, at: now)
            try await transaction.append(
                to: try await Self.memberIds(transaction, conversationId: message.conversationId),
                type: .messageReaction,
                data: EventData(
                    conversationId: message.conversationId,
                    message: try await Self.fetchMessage(transaction, id: messageId),
                    reaction: reaction
                ),
                now: now
            )
            return reaction
        }
    }

    static func countEvent(_ transaction: PostgresTransaction, conversationId: String, now: Date) async throws {
        try await transaction.execute(
            """
            UPDATE conversations SET epoch_events = epoch_events + 1, updated_at = \(now.millis)
            WHERE id = \(conversationId)
            """
        )
    }

    /// Reads a message back as it now stands and logs it to every member as `type`.
    private static func logChanged(
        _ transaction: PostgresTransaction, messageId: String, conversationId: String, as type: EventType, now: Date
    ) async throws -> Message {
        guard let message = try await fetchMessage(transaction, id: messageId) else {
            throw ServerStoreError.notFound("The message")
        }
        try await transaction.append(
            to: try await memberIds(transaction, conversationId: conversationId),
            type: type,
            data: EventData(conversationId: conversationId, message: message),
            now: now
        )
        return message
    }
}
