import GRDB

/// Row-level writes that keep `entry` and the trigram index in step. The index is contentless,
/// so removing a row from it takes the exact text it was given (FTS5's `'delete'` command).
extension SearchIndex {
    /// The columns of a row as the writes need them.
    struct StoredEntry {
        var key: Int64
        var messageId: String
        var conversationId: String
        /// Milliseconds since 1970.
        var createdAt: Int64
        var text: String
        var folded: String

        init(key: Int64, messageId: String, conversationId: String, createdAt: Int64, text: String, folded: String) {
            self.key = key
            self.messageId = messageId
            self.conversationId = conversationId
            self.createdAt = createdAt
            self.text = text
            self.folded = folded
        }

        init(_ row: Row) {
            self.init(
                key: row["key"],
                messageId: row["message_id"],
                conversationId: row["conversation_id"],
                createdAt: row["created_at"],
                text: row["text"],
                folded: row["folded"]
            )
        }
    }

    static let storedColumns = "key, message_id, conversation_id, created_at, text, folded"

    static func stored(messageId: String, in db: Database) throws -> StoredEntry? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(storedColumns) FROM entry WHERE message_id = ?"),
            arguments: [messageId]
        ).map(StoredEntry.init)
    }

    static func insert(_ entry: StoredEntry, in db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO entry (\(storedColumns)) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            entry.key, entry.messageId, entry.conversationId, entry.createdAt, entry.text, entry.folded,
        ])
        try db.cachedStatement(sql: "INSERT INTO entry_fts (rowid, folded) VALUES (?, ?)")
            .execute(arguments: [entry.key, entry.folded + endPadding])
    }

    static func delete(_ entry: StoredEntry, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO entry_fts (entry_fts, rowid, folded) VALUES ('delete', ?, ?)")
            .execute(arguments: [entry.key, entry.folded + endPadding])
        try db.cachedStatement(sql: "DELETE FROM entry WHERE key = ?").execute(arguments: [entry.key])
    }

    /// Replaces the text and conversation of a row that keeps its place.
    static func update(_ old: StoredEntry, to new: StoredEntry, in db: Database) throws {
        if old.folded != new.folded {
            try db.cachedStatement(sql: "INSERT INTO entry_fts (entry_fts, rowid, folded) VALUES ('delete', ?, ?)")
                .execute(arguments: [old.key, old.folded + endPadding])
            try db.cachedStatement(sql: "INSERT INTO entry_fts (rowid, folded) VALUES (?, ?)")
                .execute(arguments: [new.key, new.folded + endPadding])
        }
        try db.cachedStatement(sql: "UPDATE entry SET conversation_id = ?, text = ?, folded = ? WHERE key = ?")
            .execute(arguments: [new.conversationId, new.text, new.folded, old.key])
    }

    /// Removes every row matching `condition` (an SQL expression over `entry`) in two statements.
    static func deleteAll(where condition: String, _ arguments: StatementArguments, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO entry_fts (entry_fts, rowid, folded)
                SELECT 'delete', key, folded || ? FROM entry WHERE \(condition)
                """,
            arguments: [endPadding] + arguments
        )
        try db.execute(sql: "DELETE FROM entry WHERE \(condition)", arguments: arguments)
    }
}
