import Foundation
import GRDB

extension LocalStore {
    /// Stores a small sealed value (the account, the sync cursor, identity pins).
    package func setMeta(_ key: String, _ value: some Encodable & Sendable) async throws {
        try await apply(messages: [], meta: [MetaWrite(key, value)], cursor: nil)
    }

    package func meta<T: Decodable & Sendable>(_ key: String, as type: T.Type) async throws -> T? {
        try await pool.read { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT data FROM meta WHERE key = ?", arguments: [key]) else {
                return nil
            }
            return try Self.decode(T.self, try Self.open(metaCipher, Array(data), column: "data", row: key))
        }
    }

    /// Saves received messages and the sync cursor in one transaction, so a crash can neither
    /// lose an applied event nor apply one twice.
    package func apply(messages: [CachedMessage], cursor: Int64) async throws {
        try await apply(messages: messages, meta: [], cursor: cursor)
    }

    /// The last event sequence number applied (0 before the first sync).
    package func cursor() async throws -> Int64 { try await meta("cursor", as: Int64.self) ?? 0 }
}

extension LocalStore {
    /// One sealed meta value to write in ``apply(messages:meta:deletingConversation:cursor:)``.
    package struct MetaWrite: Sendable {
        package var key: String
        package var value: [UInt8]

        /// `value == nil` deletes the key.
        package init(_ key: String, _ value: (some Encodable & Sendable)?) throws {
            self.key = key
            self.value = try value.map { try LocalStore.encode($0) } ?? []
        }
    }

    /// Applies one synced event's effects (messages, meta values, deletions) and advances the
    /// cursor in one transaction.
    ///
    /// A write that carries the cursor commits without waiting for the disk (`synchronous =
    /// NORMAL` in WAL mode): a power cut can lose it, but only together with the cursor, so the
    /// event is fetched and applied again. Every other write (the outbox, keys, epoch secrets this
    /// device made) waits for the disk as before. A crash of the process loses neither.
    package func apply(
        messages: [CachedMessage],
        meta: [MetaWrite],
        deletingConversation: String? = nil,
        cursor: Int64?
    ) async throws {
        var sealed: [(String, [UInt8]?)] = []
        for write in meta {
            sealed.append(
                (
                    write.key,
                    write.value.isEmpty ? nil : try Self.seal(metaCipher, write.value, column: "data", row: write.key)
                ))
        }
        if let cursor {
            sealed.append(("cursor", try Self.seal(metaCipher, try Self.encode(cursor), column: "data", row: "cursor")))
        }
        let cells = sealed
        let replayable = cursor != nil
        let added = try await pool.writeWithoutTransaction { db in
            if replayable { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            defer { if replayable { try? db.execute(sql: "PRAGMA synchronous = FULL") } }
            var added = 0
            try db.inTransaction {
                added = try self.write(
                    messages: messages, cells: cells, deletingConversation: deletingConversation, in: db)
                return .commit
            }
            return added
        }
        counters.add(messages: added)
    }

    private func write(
        messages: [CachedMessage],
        cells: [(String, [UInt8]?)],
        deletingConversation: String?,
        in db: Database
    ) throws -> Int {
        var added = 0
        if let deletingConversation {
            try db.execute(sql: "DELETE FROM messages WHERE conversation_id = ?", arguments: [deletingConversation])
            added -= db.changesCount
        }
        let encoder = Self.encoder()
        for message in messages where try self.save(message, in: db, encoder: encoder) { added += 1 }
        for (key, cell) in cells {
            if let cell {
                try db.execute(
                    sql:
                        "INSERT INTO meta (key, data) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data",
                    arguments: [key, Data(cell)])
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
            }
        }
        return added
    }
}

extension LocalStore {
    /// Every meta value whose key starts with `prefix`, decoded (keys are in the clear; values sealed).
    package func metaValues<T: Decodable & Sendable>(prefix: String, as type: T.Type) async throws -> [String: T] {
        try await pool.read { db in
            var result: [String: T] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, data FROM meta WHERE key >= ? AND key < ?",
                arguments: [prefix, prefix + "\u{10FFFF}"])
            for row in rows {
                let key: String = row["key"]
                let data: Data = row["data"]
                result[key] = try Self.decode(T.self, try Self.open(metaCipher, Array(data), column: "data", row: key))
            }
            return result
        }
    }
}
