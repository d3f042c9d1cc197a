import DialogueProtocol
import Foundation
import GRDB

extension SQLiteServerStore {
    package func sendMessage(
        conversationId: String,
        senderId: String,
        request: SendMessageRequest,
        limits: MessageLimits,
        now: Date
    ) async throws(ServerStoreError) -> Message {
        try await write { db, events in
            if let existing = try Self.fetchMessage(db, id: request.id) {
                try StoreRules.checkRetry(
                    sameAuthor: existing.senderId == senderId && existing.conversationId == conversationId,
                    what: "message")
                return existing
            }
            let conversation = try Self.requireMembership(db, conversationId: conversationId, userId: senderId)
            try StoreRules.checkEpoch(current: conversation.epoch, request.epoch)
            let blobIds = Array(Set(request.blobIds ?? [])).sorted()
            try StoreRules.checkBlobCount(blobIds.count, limits: limits)
            for blob in blobIds { try Self.requireOwnBlob(db, id: blob, ownerId: senderId) }
            try db.execute(
                sql: """
                    INSERT INTO messages (id, conversation_id, sender_id, sender_device_id, epoch, envelope, blob_ids, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.id, conversationId, senderId, request.deviceId, request.epoch, request.envelope.data,
                    Self.jsonArray(blobIds), now.millis,
                ]
            )
            for blob in blobIds {
                try db.execute(
                    sql: "INSERT INTO message_blobs (blob_id, message_id, conversation_id) VALUES (?, ?, ?)",
                    arguments: [blob, request.id, conversationId]
                )
            }
            try Self.countEvent(db, conversationId: conversationId, now: now)
            guard let message = try Self.fetchMessage(db, id: request.id) else {
                throw ServerStoreError.notFound("The message")
            }
            try events.append(
                db,
                to: try Self.memberIds(db, conversationId: conversationId),
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
        try await read { db in
            _ = try Self.requireMembership(db, conversationId: conversationId, userId: userId)
            var condition = "m.conversation_id = ?"
            var arguments: StatementArguments = [conversationId]
            if let before {
                guard
                    let anchor = try Row.fetchOne(
                        db,
                        sql: "SELECT created_at, rowid FROM messages WHERE id = ? AND conversation_id = ?",
                        arguments: [before, conversationId]
                    )
                else { throw ServerStoreError.notFound("The `before` message") }
                condition += " AND (m.created_at, m.rowid) < (?, ?)"
                arguments += [anchor["created_at"] as Int64, anchor["rowid"] as Int64]
            }
            let page = try Self.fetchMessages(
                db,
                condition: condition,
                arguments: arguments,
                order: "m.created_at DESC, m.rowid DESC",
                limit: limit
            )
            let messages = Array(page.reversed())
            return (messages, page.count == limit ? messages.first?.id : nil)
        }
    }

    package func recentMessages(for userId: String, limit: Int) async throws(ServerStoreError) -> [Message] {
        try await read { db in
            let page = try Self.fetchMessages(
                db,
                condition: """
                    m.deleted = 0 AND EXISTS (
                        SELECT 1 FROM members me WHERE me.conversation_id = m.conversation_id
                        AND me.user_id = ? AND m.created_at >= me.joined_at
                    )
                    """,
                arguments: [userId],
                order: "m.created_at DESC, m.rowid DESC",
                limit: limit
            )
            return page.reversed()
        }
    }

    package func markSeen(messageId: String, by userId: String, upTo: Bool, now: Date) async throws(ServerStoreError)
        -> SeenReceipt
    {
        try await write { db, events in
            guard
                let target = try Row.fetchOne(
                    db,
                    sql: "SELECT conversation_id, created_at, rowid FROM messages WHERE id = ?",
                    arguments: [messageId]
                )
            else { throw ServerStoreError.notFound("The message") }
            let conversationId: String = target["conversation_id"]
            _ = try Self.requireMembership(db, conversationId: conversationId, userId: userId)
            var condition = "m.conversation_id = ? AND m.sender_id != ? AND m.deleted = 0"
            var arguments: StatementArguments = [conversationId, userId]
            if upTo {
                condition += " AND (m.created_at, m.rowid) <= (?, ?)"
                arguments += [target["created_at"] as Int64, target["rowid"] as Int64]
            } else {
                condition += " AND m.id = ?"
                arguments += [messageId]
            }
            let newlySeen = try String.fetchAll(
                db,
                sql: """
                    SELECT m.id FROM messages m WHERE \(condition)
                    AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.id AND r.user_id = ?)
                    ORDER BY m.created_at, m.rowid
                    """,
                arguments: arguments + [userId]
            )
            for id in newlySeen {
                try db.execute(
                    sql: "INSERT INTO receipts (message_id, user_id, seen_at) VALUES (?, ?, ?)",
                    arguments: [id, userId, now.millis]
                )
            }
            let receipt = SeenReceipt(
                conversationId: conversationId, userId: userId, messageIds: newlySeen, seenAt: now)
            if !newlySeen.isEmpty {
                try events.append(
                    db,
                    to: try Self.memberIds(db, conversationId: conversationId),
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
        try await write { db, events in
            guard let message = try Self.fetchMessage(db, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            let conversation = try Self.requireMembership(db, conversationId: message.conversationId, userId: userId)
            try StoreRules.checkEditor(message, userId: userId)
            if try String.fetchOne(db, sql: "SELECT edit_id FROM messages WHERE id = ?", arguments: [messageId])
                == request.id
            {
                return message
            }
            try StoreRules.checkEditable(message, now: now, limits: limits)
            try StoreRules.checkEpoch(current: conversation.epoch, request.epoch)
            try db.execute(
                sql: "UPDATE messages SET edit_id = ?, edit_envelope = ?, edited_at = ? WHERE id = ?",
                arguments: [request.id, request.envelope.data, now.millis, messageId]
            )
            try Self.countEvent(db, conversationId: message.conversationId, now: now)
            guard let edited = try Self.fetchMessage(db, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            try events.append(
                db,
                to: try Self.memberIds(db, conversationId: message.conversationId),
                type: .messageEdited,
                data: EventData(conversationId: message.conversationId, message: edited),
                now: now
            )
            return edited
        }
    }

    package func deleteMessage(messageId: String, by userId: String, request: EventEnvelopeRequest?, now: Date)
        async throws(ServerStoreError) -> Message
    {
        let deleted = try await wipe(messageId: messageId, by: userId, request: request, now: now)
        // The WAL still holds the page images written before the delete; fold them into the
        // (securely deleted) database and empty the WAL so the ciphertext is gone from disk.
        _ = try? await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return deleted
    }

    private func wipe(messageId: String, by userId: String, request: EventEnvelopeRequest?, now: Date)
        async throws(ServerStoreError) -> Message
    {
        try await write { db, events in
            guard let message = try Self.fetchMessage(db, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            let conversation = try Self.requireMembership(db, conversationId: message.conversationId, userId: userId)
            try StoreRules.checkDeleter(
                message, userId: userId, isGroupAdmin: conversation.isGroup && conversation.isAdmin)
            if message.deleted { return message }
            if let request { try StoreRules.checkEpoch(current: conversation.epoch, request.epoch) }
            for blob in message.blobIds {
                try db.execute(sql: "UPDATE blobs SET data = NULL, tombstoned = 1 WHERE id = ?", arguments: [blob])
            }
            try db.execute(sql: "DELETE FROM message_blobs WHERE message_id = ?", arguments: [messageId])
            try db.execute(sql: "DELETE FROM reactions WHERE message_id = ?", arguments: [messageId])
            try db.execute(
                sql: """
                    UPDATE messages SET envelope = NULL, edit_envelope = NULL, edit_id = NULL, blob_ids = '[]',
                        deleted = 1, deleted_at = ?, deleted_by = ?, delete_envelope = ?
                    WHERE id = ?
                    """,
                arguments: [now.millis, userId, request?.envelope.data, messageId]
            )
            guard let deleted = try Self.fetchMessage(db, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            try events.append(
                db,
                to: try Self.memberIds(db, conversationId: message.conversationId),
                type: .messageDeleted,
                data: EventData(conversationId: message.conversationId, message: deleted),
                now: now
            )
            return deleted
        }
    }

    package func react(
        messageId: String,
        by userId: String,
        request: EventEnvelopeRequest,
        now: Date
    ) async throws(ServerStoreError) -> Reaction {
        try await write { db, events in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM reactions WHERE id = ?", arguments: [request.id]) {
                let existing = Self.reaction(from: row)
                try StoreRules.checkRetry(
                    sameAuthor: existing.userId == userId && existing.messageId == messageId, what: "reaction")
                return existing
            }
            guard let message = try Self.fetchMessage(db, id: messageId) else {
                throw ServerStoreError.notFound("The message")
            }
            let conversation = try Self.requireMembership(db, conversationId: message.conversationId, userId: userId)
            try StoreRules.checkReactable(message)
            try StoreRules.checkEpoch(current: conversation.epoch, request.epoch)
            try db.execute(
                sql: """
                    INSERT INTO reactions (id, message_id, user_id, device_id, epoch, envelope, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.id, messageId, userId, request.deviceId, request.epoch, request.envelope.data, now.millis,
                ]
            )
            try Self.countEvent(db, conversationId: message.conversationId, now: now)
            let reaction = request.reaction(to: messageId, by: userId, at: now)
            try events.append(
                db,
                to: try Self.memberIds(db, conversationId: message.conversationId),
                type: .messageReaction,
                data: EventData(
                    conversationId: message.conversationId,
                    message: try Self.fetchMessage(db, id: messageId),
                    reaction: reaction
                ),
                now: now
            )
            return reaction
        }
    }

    static func countEvent(_ db: Database, conversationId: String, now: Date) throws {
        try db.execute(
            sql: "UPDATE conversations SET epoch_events = epoch_events + 1, updated_at = ? WHERE id = ?",
            arguments: [now.millis, conversationId]
        )
    }
}
