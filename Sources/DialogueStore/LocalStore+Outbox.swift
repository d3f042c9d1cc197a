import Foundation
import GRDB

extension LocalStore {
    /// Makes a change durable before the caller returns; the same `requestId` is queued once.
    /// - Returns: The outbox item (the existing one for a repeated `requestId`).
    @discardableResult
    /// - Parameter message: The pending message to save in the same transaction (for sends).
    package func enqueue(
        conversationId: String,
        kind: String,
        requestId: String,
        payload: [UInt8],
        saving message: CachedMessage? = nil
    ) async throws -> OutboxItem {
        let (item, added, queued) = try await pool.write { db in
            if let existing = try self.outboxItem(requestId: requestId, in: db) { return (existing, 0, 0) }
            let added = try message.map { try self.save($0, in: db) } ?? false
            let cell = try Self.seal(outboxCipher, payload, column: "payload", row: requestId)
            try db.execute(
                sql: "INSERT INTO outbox (conversation_id, kind, request_id, payload) VALUES (?, ?, ?, ?)",
                arguments: [conversationId, kind, requestId, Data(cell)]
            )
            let item = OutboxItem(
                seq: db.lastInsertedRowID,
                conversationId: conversationId,
                kind: kind,
                requestId: requestId,
                payload: payload
            )
            return (item, added ? 1 : 0, 1)
        }
        counters.add(messages: added, outbox: queued)
        return item
    }

    /// Everything still to send, oldest first.
    package func pendingOutbox() async throws -> [OutboxItem] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY seq").map { try self.outboxItem(from: $0) }
        }
    }

    /// The server acknowledged the item: it leaves the outbox.
    package func completeOutbox(requestId: String) async throws {
        let removed = try await pool.write { db in
            try db.execute(sql: "DELETE FROM outbox WHERE request_id = ?", arguments: [requestId])
            return db.changesCount
        }
        counters.add(outbox: -removed)
    }

    /// A failed attempt that may succeed later.
    package func recordAttempt(requestId: String, error: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE request_id = ?",
                arguments: [error, requestId]
            )
        }
    }

    package func outboxCount() -> Int { counts().outbox }

    private func outboxItem(requestId: String, in db: Database) throws -> OutboxItem? {
        try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE request_id = ?", arguments: [requestId])
            .map { try outboxItem(from: $0) }
    }

    private func outboxItem(from row: Row) throws -> OutboxItem {
        let requestId: String = row["request_id"]
        let cell: Data = row["payload"]
        return OutboxItem(
            seq: row["seq"],
            conversationId: row["conversation_id"],
            kind: row["kind"],
            requestId: requestId,
            payload: try Self.open(outboxCipher, Array(cell), column: "payload", row: requestId),
            attempts: row["attempts"],
            lastError: row["last_error"]
        )
    }
}

extension LocalStore {
    /// The counts `daemon.status` shows: queued changes and cached messages, from memory (see ``StoreCounters``).
    package func counts() -> (outbox: Int, messages: Int) {
        let current = counters.current
        return (current.outbox, current.messages)
    }
}
