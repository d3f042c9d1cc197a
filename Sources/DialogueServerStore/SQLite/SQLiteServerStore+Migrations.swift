import GRDB

extension SQLiteServerStore {
    /// The schema, as append-only SQL: never edit a registered migration, add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(
                sql: """
                    CREATE TABLE users (
                        id TEXT PRIMARY KEY,
                        email TEXT NOT NULL UNIQUE,
                        fullname TEXT NOT NULL,
                        bio TEXT NOT NULL DEFAULT '',
                        password_hash TEXT NOT NULL,
                        avatar_blob_id TEXT,
                        created_at INTEGER NOT NULL,
                        last_seen INTEGER,
                        event_seq INTEGER NOT NULL DEFAULT 0,
                        event_floor INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE conversations (
                        id TEXT PRIMARY KEY,
                        is_group INTEGER NOT NULL CHECK (is_group IN (0, 1)),
                        direct_key TEXT UNIQUE,
                        op_seq INTEGER NOT NULL,
                        epoch INTEGER NOT NULL,
                        epoch_started_at INTEGER NOT NULL,
                        epoch_events INTEGER NOT NULL DEFAULT 0,
                        avatar_blob_id TEXT,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        CHECK (is_group = 1 OR direct_key IS NOT NULL)
                    );
                    CREATE TABLE members (
                        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                        user_id TEXT NOT NULL REFERENCES users(id),
                        role TEXT NOT NULL CHECK (role IN ('member', 'admin')),
                        joined_at INTEGER NOT NULL,
                        joined_seq INTEGER NOT NULL,
                        PRIMARY KEY (conversation_id, user_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX members_by_user ON members(user_id, conversation_id);
                    CREATE TABLE ops (
                        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                        seq INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        author_id TEXT NOT NULL,
                        author_device_id TEXT NOT NULL,
                        member_ids TEXT NOT NULL,
                        role TEXT,
                        share_history INTEGER NOT NULL DEFAULT 0,
                        op BLOB NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (conversation_id, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE messages (
                        id TEXT PRIMARY KEY,
                        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                        sender_id TEXT NOT NULL,
                        sender_device_id TEXT NOT NULL,
                        epoch INTEGER NOT NULL,
                        envelope BLOB,
                        blob_ids TEXT NOT NULL DEFAULT '[]',
                        created_at INTEGER NOT NULL,
                        edited_at INTEGER,
                        edit_id TEXT,
                        edit_envelope BLOB,
                        deleted INTEGER NOT NULL DEFAULT 0,
                        deleted_at INTEGER,
                        deleted_by TEXT,
                        delete_envelope BLOB
                    );
                    CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);
                    CREATE TABLE message_blobs (
                        blob_id TEXT NOT NULL,
                        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                        conversation_id TEXT NOT NULL,
                        PRIMARY KEY (blob_id, message_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE reactions (
                        id TEXT PRIMARY KEY,
                        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                        user_id TEXT NOT NULL,
                        device_id TEXT NOT NULL,
                        epoch INTEGER NOT NULL,
                        envelope BLOB NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX reactions_by_message ON reactions(message_id, created_at);
                    CREATE TABLE receipts (
                        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                        user_id TEXT NOT NULL,
                        seen_at INTEGER NOT NULL,
                        PRIMARY KEY (message_id, user_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE events (
                        user_id TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        data TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (user_id, seq)
                    ) WITHOUT ROWID;
                    CREATE INDEX events_by_time ON events(created_at);
                    CREATE TABLE identities (
                        user_id TEXT PRIMARY KEY REFERENCES users(id),
                        aik BLOB NOT NULL,
                        device_list BLOB NOT NULL,
                        device_list_version INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE TABLE device_certs (
                        user_id TEXT NOT NULL REFERENCES users(id),
                        device_id TEXT NOT NULL,
                        cert BLOB NOT NULL,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (user_id, device_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE pending_devices (
                        user_id TEXT NOT NULL REFERENCES users(id),
                        device_id TEXT NOT NULL,
                        commitment BLOB NOT NULL,
                        payload BLOB NOT NULL,
                        created_at INTEGER NOT NULL,
                        PRIMARY KEY (user_id, device_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE mailbox (
                        id TEXT PRIMARY KEY,
                        user_id TEXT NOT NULL REFERENCES users(id),
                        device_id TEXT NOT NULL,
                        from_device_id TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE INDEX mailbox_by_device ON mailbox(user_id, device_id);
                    CREATE TABLE blobs (
                        id TEXT PRIMARY KEY,
                        owner_id TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        data BLOB,
                        tombstoned INTEGER NOT NULL DEFAULT 0,
                        created_at INTEGER NOT NULL
                    );
                    """
            )
        }
        return migrator
    }
}
