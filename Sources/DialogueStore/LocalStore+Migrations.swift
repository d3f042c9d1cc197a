import GRDB

extension LocalStore {
    /// Append-only SQL. Only ids, conversation ids, times and states are in the clear; every
    /// text, attachment, key and profile is in a sealed `data` cell.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY,
                        data BLOB NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE messages (
                        id TEXT PRIMARY KEY,
                        conversation_id TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        data BLOB NOT NULL
                    );
                    CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);
                    CREATE INDEX messages_by_time ON messages(created_at);
                    CREATE TABLE outbox (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        conversation_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        request_id TEXT NOT NULL UNIQUE,
                        payload BLOB NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT
                    );
                    """
            )
        }
        return migrator
    }
}
