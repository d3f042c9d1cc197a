import DialogueProtocol
import Foundation
import GRDB
import Logging

/// The embedded store: one SQLite file in WAL mode with `synchronous = FULL`, so a write that
/// returned survives a crash or power loss, and group commit so that costs one fsync per batch.
package struct SQLiteServerStore: ServerStore {
    package var kind: String { "sqlite" }

    let pool: DatabasePool
    let batcher: WriteBatcher

    /// Opens (creating if needed) `dialogue-server.sqlite` in `directory` and migrates it.
    /// - Parameters:
    ///   - directory: The server's data directory; created with mode 0700 if missing.
    ///   - sink: Receives committed events for live delivery.
    /// - Throws: ``ServerStoreError/Kind/unavailable`` when the directory or the database cannot be
    ///   made ready; the cause names the file and what failed.
    package init(directory: URL, sink: any EventSink, logger: Logger) throws(ServerStoreError) {
        do {
            try FileManager.default.createDirectory(
                at: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw ServerStoreError(error, message: "The data directory could not be created.")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted messages must leave no ciphertext behind in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Savepoints and sorts stay in memory instead of temporary files.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let path = directory.appendingPathComponent("dialogue-server.sqlite").path
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw ServerStoreError(error, message: "The database could not be opened and migrated.")
        }
        batcher = WriteBatcher(writer: pool, sink: sink, logger: logger)
    }

    /// Runs a write in the next group commit. `body` throws what GRDB throws; anything but a
    /// ``ServerStoreError`` leaves here as the store's failure, its text kept only as the cause.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (Database, inout EventRecorder) throws -> T
    ) async throws(ServerStoreError) -> T {
        do {
            return try await batcher.write(body)
        } catch {
            throw ServerStoreError(error)
        }
    }

    /// Runs `body` in a read-only transaction, with errors reported as ``write(_:)`` reports them.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(ServerStoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw ServerStoreError(error)
        }
    }

    /// Throws `not_found` unless `userId` is a member of the conversation; returns what the rules
    /// need of it.
    static func requireMembership(_ db: Database, conversationId: String, userId: String) throws -> StoredMembership {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT c.is_group, m.role, c.op_seq, c.epoch, c.created_at FROM conversations c
                    JOIN members m ON m.conversation_id = c.id AND m.user_id = ?
                    WHERE c.id = ?
                    """,
                arguments: [userId, conversationId]
            )
        else { throw ServerStoreError.notFound("The conversation") }
        // By position, as selected.
        return StoredMembership(isGroup: row[0], role: row[1], opSeq: row[2], epoch: row[3], createdAt: row[4])
    }

    static func memberIds(_ db: Database, conversationId: String) throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT user_id FROM members WHERE conversation_id = ? ORDER BY joined_seq, joined_at, user_id",
            arguments: [conversationId]
        )
    }

    /// A JSON array of strings, for `IN (SELECT value FROM json_each(?))` without a bind limit.
    static func jsonArray(_ values: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeStringArray(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
