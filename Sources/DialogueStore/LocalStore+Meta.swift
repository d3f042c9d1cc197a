import Foundation
import GRDB

extension LocalStore {
    /// Stores a small sealed value (the account, the sync cursor, identity pins).
    package func setMeta(_ key: String, _ value: some Encodable & Sendable) async throws {
        let cell = try Self.seal(metaCipher, try Self.encode(value), column: "data", row: key)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO meta (key, data) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data",
                arguments: [key, Data(cell)]
            )
        }
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
        let cell = try Self.seal(metaCipher, try Self.encode(cursor), column: "data", row: "cursor")
        try await pool.write { db in
            for message in messages { try self.save(message, in: db) }
            try db.execute(
                sql:
                    "INSERT INTO meta (key, data) VALUES ('cursor', ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data",
                arguments: [Data(cell)]
            )
        }
    }

    /// The last event sequence number applied (0 before the first sync).
    package func cursor() async throws -> Int64 { try await meta("cursor", as: Int64.self) ?? 0 }
}
