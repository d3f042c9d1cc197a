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
        try await pool.write { db in
            if let existing = try self.outboxItem(requestId: requestId, in: db) { return existing }
            if let message { try self.save(message, in: db) }
            let cell = try Self.seal(outboxCipher, payload, column: "payload", row: requestId)
            try db.execute(
                sql: "INSERT INTO outbox (conversation_id, kind, request_id, payload) VALUES (?, ?, ?, ?)",
                arguments: [conversationId, kind, requestId, Data(cell)]
            )
            return OutboxItem(
                seq: db.lastInsertedRowID,
                conversationId: conversationId,
                kind: kind,
                requestId: requestId,
                payload: payload
            )
        }
    }

    /// Everything still to send, oldest first.
    package func pendingOutbox() async throws -> [OutboxItem] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY seq").map { try self.outboxItem(from: $0) }
        }
    }

    /// The server acknowledged the item: it leaves the outbox.
    package func completeOutbox(requestId: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM outbox WHERE request_id = ?", arguments: [requestId])
        }
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

    package func outboxCount() async throws -> Int { try await counts().outbox }

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
    /// The counts `daemon.status` shows, read in one transaction (one trip to the reader pool).
    package func counts() async throws -> (outbox: Int, messages: Int) {
        try await pool.read { db in
            let outbox = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
            let messages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0
            return (outbox, messages)
        }
    }
}
