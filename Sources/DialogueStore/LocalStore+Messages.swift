import Foundation
import GRDB

extension LocalStore {
    /// Inserts or replaces a message.
    package func save(_ message: CachedMessage) async throws {
        let inserted = try await pool.write { db in try self.save(message, in: db) }
        counters.add(messages: inserted ? 1 : 0)
    }

    /// Writes one message (insert, or update in place: the row keeps its place in the order).
    /// Insert first, because almost every message written is new (a synced backlog); an existing
    /// one costs the second statement. `encoder` may be shared by the writes of one transaction.
    /// - Returns: whether it was new, for the in-memory count (added by the caller after commit).
    @discardableResult
    func save(_ message: CachedMessage, in db: Database, encoder: JSONEncoder = LocalStore.encoder()) throws -> Bool {
        let cell = try Self.seal(
            messagesCipher, Array(try encoder.encode(message)), column: "data", row: message.id)
        let arguments: StatementArguments = [
            message.conversationId, Int64(message.createdAt.timeIntervalSince1970 * 1000), message.state.rawValue,
            Data(cell), message.id,
        ]
        try db.cachedStatement(
            sql: """
                INSERT INTO messages (conversation_id, created_at, state, data, id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO NOTHING
                """
        ).execute(arguments: arguments)
        guard db.changesCount == 0 else { return true }
        try db.cachedStatement(
            sql: "UPDATE messages SET conversation_id = ?, created_at = ?, state = ?, data = ? WHERE id = ?"
        ).execute(arguments: arguments)
        return false
    }

    package func message(id: String) async throws -> CachedMessage? {
        counters.noteRead()
        return try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, data FROM messages WHERE id = ?", arguments: [id])
                .map { try self.decodeMessage($0) }
        }
    }

    /// A page of a conversation, oldest first, before the message `before` (or the newest).
    package func messages(conversationId: String, before: String? = nil, limit: Int) async throws -> [CachedMessage] {
        try await pool.read { db in
            var sql = "SELECT id, data FROM messages WHERE conversation_id = ?"
            var arguments: StatementArguments = [conversationId]
            if let before {
                sql += " AND (created_at, rowid) < (SELECT created_at, rowid FROM messages WHERE id = ?)"
                arguments += [before]
            }
            sql += " ORDER BY created_at DESC, rowid DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).reversed().map { try self.decodeMessage($0) }
        }
    }

    /// The newest `limit` messages across all conversations, oldest first (the original's
    /// recent-1000 search set).
    package func recentMessages(limit: Int) async throws -> [CachedMessage] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, data FROM messages ORDER BY created_at DESC, rowid DESC LIMIT ?",
                arguments: [limit]
            ).reversed().map { try self.decodeMessage($0) }
        }
    }

    /// Every cached message, in batches, for building the in-memory search index at unlock.
    package func forEachMessage(batchSize: Int = 2000, _ body: ([CachedMessage]) throws -> Void) async throws {
        var rowId: Int64 = 0
        while true {
            let batch = try await messageBatch(after: rowId, limit: batchSize)
            guard !batch.messages.isEmpty else { return }
            rowId = batch.next
            try body(batch.messages)
        }
    }

    package func messageCount() -> Int { counts().messages }

    /// How many times a message was read by id since the store opened.
    package var messageReads: Int { counters.messageReads }

    func decodeMessage(_ row: Row) throws -> CachedMessage {
        let id: String = row["id"]
        let data: Data = row["data"]
        return try Self.decode(
            CachedMessage.self,
            try Self.open(messagesCipher, Array(data), column: "data", row: id)
        )
    }
}

extension LocalStore {
    /// One batch of cached messages in storage order after `rowId` (0 to start), and the row id to
    /// continue from; an empty batch means the end. Lets an actor walk the cache without handing it
    /// a closure.
    package func messageBatch(after rowId: Int64, limit: Int = 2000) async throws -> (
        next: Int64, messages: [CachedMessage]
    ) {
        let rows = try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT rowid, id, data FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?",
                arguments: [rowId, limit]
            ).map { row -> (Int64, CachedMessage) in (row["rowid"], try self.decodeMessage(row)) }
        }
        return (rows.last?.0 ?? rowId, rows.map(\.1))
    }
}
