import GRDB
import Synchronization

/// The in-memory full-text index behind `messages.search`.
///
/// The cache seals every message text, so an index on disk would leak what it protects: this one
/// lives in a private in-memory SQLite database with its temporary storage in memory too, is built
/// at unlock (from ``LocalStore/forEachMessage(batchSize:_:)``), kept current with ``upsert(_:)``
/// and ``remove(messageIds:)``, and wiped by ``removeAll()`` when the daemon locks.
///
/// Matching works on folded text (``TextFolder``): an FTS5 `trigram` index finds terms of three
/// scalars or more as substrings, and shorter ones through its vocabulary or `instr` over the
/// folded copy (``SearchIndex/matchPlan(_:in:)``). Row keys sort like the messages
/// (``SearchIndex/insertInOrder(_:in:)``), so every search walks newest-first and stops at the
/// limit without sorting (``SearchIndex/matches(_:scope:conversationId:limit:scanBudget:in:)``).
///
/// All work runs on the database's own serial queue, never on the caller's thread.
package final class SearchIndex: Sendable {
    let queue: DatabaseQueue
    /// What ``enqueueUpsert(_:failed:)`` was given and is not written yet.
    let pending = Mutex(PendingEntries())
    /// How many of the newest rows a search reads with `instr` before it turns to the trigram
    /// index (see ``SearchIndex/matches(_:scope:conversationId:limit:scanBudget:in:)``); tests
    /// lower it to drive every path with few messages.
    let scanBudget: Int

    /// Reading this many rows with `instr` takes about half a millisecond.
    static let defaultScanBudget = 5000

    package convenience init() throws(StoreError) {
        try self.init(scanBudget: Self.defaultScanBudget)
    }

    init(scanBudget: Int) throws(StoreError) {
        self.scanBudget = scanBudget
        var configuration = Configuration()
        configuration.label = "dialogue.search-index"
        configuration.prepareDatabase { db in
            // Sorts, temporary tables and the statement journal stay in memory, never in TMPDIR.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Freed pages are zeroed, so deleted text does not linger in the page cache.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            queue = try DatabaseQueue(configuration: configuration)
            try queue.write { db in try Self.createSchema(db) }
        } catch {
            throw StoreError(.searchIndexFailed, "the in-memory search index could not be created: \(error)")
        }
    }

    /// Two scalars appended to every text in the trigram index, so that each occurrence of a one-
    /// or two-scalar term starts some trigram (see ``SearchIndex/matchPlan(_:in:)``).
    /// ``TextFolder`` removes the scalar from texts and queries, so it only ever marks the end.
    static let endPadding = "\u{1}\u{1}"

    /// `entry` holds each message once (folded for matching, as written for highlights);
    /// `entry_fts` is a contentless trigram index over the padded folded text, written row by row
    /// by ``SearchIndex`` itself. Triggers would be simpler but cost ten times as much: every
    /// statement that fires one opens a savepoint, and FTS5 flushes a segment at every savepoint.
    static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE entry (
                    key INTEGER PRIMARY KEY,
                    message_id TEXT NOT NULL UNIQUE,
                    conversation_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    folded TEXT NOT NULL
                );
                CREATE INDEX entry_order ON entry (created_at, message_id);
                CREATE INDEX entry_conversation ON entry (conversation_id, key, folded);
                CREATE VIRTUAL TABLE entry_fts USING fts5 (
                    folded, content = '', tokenize = 'trigram case_sensitive 1', detail = full
                );
                CREATE VIRTUAL TABLE entry_trigram USING fts5vocab (entry_fts, 'row');
                """
        )
    }

    /// Runs `body` in a write transaction on the index's queue.
    func write<T: Sendable>(
        _ what: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        writePending()
        do {
            return try await queue.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.searchIndexFailed, "the search index could not \(what): \(error)")
        }
    }

    /// Runs `body` on the index's queue without writing.
    func read<T: Sendable>(
        _ what: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        writePending()
        do {
            return try await queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.searchIndexFailed, "the search index could not \(what): \(error)")
        }
    }
}
