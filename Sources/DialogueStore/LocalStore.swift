import DialogueCrypto
import Foundation
import GRDB

/// The daemon's encrypted cache: a SQLite file (WAL) in the data directory whose sensitive
/// cells are sealed with the store cipher, bound to their table, column and row.
///
/// Nothing readable leaves this type: callers hand in and get back decrypted records, and the
/// keys live only in the ``StoreCipher`` held while the daemon is unlocked.
package struct LocalStore: Sendable {
    let pool: DatabasePool
    let messagesCipher: TableCipher
    let metaCipher: TableCipher
    let outboxCipher: TableCipher
    let counters: StoreCounters

    /// Opens (creating if needed) `cache.sqlite` in `directory` (mode 0700).
    package init(directory: URL, cipher: StoreCipher) throws {
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // One daemon, a handful of concurrent readers at most: two reader connections (each with
        // its own page cache) cover it and keep the idle footprint small.
        configuration.maximumReaderCount = 2
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // 512 KiB of page cache per connection instead of SQLite's 2 MiB default.
            try db.execute(sql: "PRAGMA cache_size = -512")
        }
        let path = directory.appendingPathComponent("cache.sqlite").path
        pool = try DatabasePool(path: path, configuration: configuration)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try Self.migrator.migrate(pool)
        counters = StoreCounters(
            try pool.read { db in
                StoreCounters.Counts(
                    messages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0,
                    outbox: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0)
            })
        messagesCipher = cipher.table("messages")
        metaCipher = cipher.table("meta")
        outboxCipher = cipher.table("outbox")
    }

    /// SQLite's own consistency check ("ok" when sound).
    package func integrityCheck() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder().encode(value))
    }

    /// The cells' JSON encoder. Making one per cell showed in the catch-up profile, so a
    /// transaction that writes many cells makes one.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw StoreError(.corrupt, "a cached \(T.self) did not decode: \(error)")
        }
    }

    static func open(_ cipher: TableCipher, _ cell: [UInt8], column: String, row: String) throws -> [UInt8] {
        do {
            return try cipher.open(cell, column: column, row: Array(row.utf8))
        } catch {
            throw StoreError(.undecryptable, "a \(cipher.name) cell does not decrypt: wrong key or a modified cache")
        }
    }

    static func seal(_ cipher: TableCipher, _ value: [UInt8], column: String, row: String) throws -> [UInt8] {
        try cipher.seal(value, column: column, row: Array(row.utf8))
    }
}
