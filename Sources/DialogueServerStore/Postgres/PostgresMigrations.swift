import Logging
import PostgresNIO

/// The PostgreSQL schema, as append-only SQL: never edit a migration that has shipped, add one.
///
/// The same tables as the SQLite store, in PostgreSQL's types: millisecond times stay `BIGINT` so
/// both stores read alike; id lists are `TEXT[]`; an identity column (`pos`) orders rows that
/// share a millisecond, as SQLite's rowid does.
enum PostgresMigrations {
    /// Applied in order; each runs in the transaction that records it.
    static let all: [(id: String, statements: [String])] = [
        (
            "v1-initial",
            [
                """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    fullname TEXT NOT NULL,
                    bio TEXT NOT NULL DEFAULT '',
                    password_hash TEXT NOT NULL,
                    avatar_blob_id TEXT,
                    created_at BIGINT NOT NULL,
                    last_seen BIGINT,
                    event_seq BIGINT NOT NULL DEFAULT 0,
                    event_floor BIGINT NOT NULL DEFAULT 0
                )
                """,
                """
                CREATE TABLE conversations (
                    id TEXT PRIMARY KEY,
                    is_group BOOLEAN NOT NULL,
                    direct_key TEXT UNIQUE,
                    op_seq BIGINT NOT NULL,
                    epoch BIGINT NOT NULL,
                    epoch_started_at BIGINT NOT NULL,
                    epoch_events BIGINT NOT NULL DEFAULT 0,
                    avatar_blob_id TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK (is_group OR direct_key IS NOT NULL)
                )
                """,
                """
                CREATE TABLE members (
                    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    role TEXT NOT NULL CHECK (role IN ('member', 'admin')),
                    joined_at BIGINT NOT NULL,
                    joined_seq BIGINT NOT NULL,
                    PRIMARY KEY (conversation_id, user_id)
                )
                """,
                "CREATE INDEX members_by_user ON members(user_id, conversation_id)",
                """
                CREATE TABLE ops (
                    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    seq BIGINT NOT NULL,
                    type TEXT NOT NULL,
                    author_id TEXT NOT NULL,
                    author_device_id TEXT NOT NULL,
                    member_ids TEXT[] NOT NULL,
                    role TEXT,
                    share_history BOOLEAN NOT NULL DEFAULT FALSE,
                    op BYTEA NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (conversation_id, seq)
                )
                """,
                """
                CREATE TABLE messages (
                    pos BIGINT GENERATED ALWAYS AS IDENTITY,
                    id TEXT PRIMARY KEY,
                    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    sender_id TEXT NOT NULL,
                    sender_device_id TEXT NOT NULL,
                    epoch BIGINT NOT NULL,
                    envelope BYTEA,
                    blob_ids TEXT[] NOT NULL DEFAULT '{}',
                    created_at BIGINT NOT NULL,
                    edited_at BIGINT,
                    edit_id TEXT,
                    edit_envelope BYTEA,
                    deleted BOOLEAN NOT NULL DEFAULT FALSE,
                    deleted_at BIGINT,
                    deleted_by TEXT,
                    delete_envelope BYTEA
                )
                """,
                "CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at, pos)",
                "CREATE INDEX messages_by_time ON messages(created_at, pos)",
                """
                CREATE TABLE message_blobs (
                    blob_id TEXT NOT NULL,
                    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    conversation_id TEXT NOT NULL,
                    PRIMARY KEY (blob_id, message_id)
                )
                """,
                "CREATE INDEX message_blobs_by_message ON message_blobs(message_id)",
                "CREATE INDEX message_blobs_by_conversation ON message_blobs(conversation_id)",
                """
                CREATE TABLE reactions (
                    pos BIGINT GENERATED ALWAYS AS IDENTITY,
                    id TEXT PRIMARY KEY,
                    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL,
                    device_id TEXT NOT NULL,
                    epoch BIGINT NOT NULL,
                    envelope BYTEA NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX reactions_by_message ON reactions(message_id, created_at, pos)",
                """
                CREATE TABLE receipts (
                    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL,
                    seen_at BIGINT NOT NULL,
                    PRIMARY KEY (message_id, user_id)
                )
                """,
                """
                CREATE TABLE events (
                    user_id TEXT NOT NULL,
                    seq BIGINT NOT NULL,
                    type TEXT NOT NULL,
                    data TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (user_id, seq)
                )
                """,
                "CREATE INDEX events_by_time ON events(created_at)",
                """
                CREATE TABLE identities (
                    user_id TEXT PRIMARY KEY REFERENCES users(id),
                    aik BYTEA NOT NULL,
                    device_list BYTEA NOT NULL,
                    device_list_version BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE device_certs (
                    user_id TEXT NOT NULL REFERENCES users(id),
                    device_id TEXT NOT NULL,
                    cert BYTEA NOT NULL,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (user_id, device_id)
                )
                """,
                """
                CREATE TABLE pending_devices (
                    user_id TEXT NOT NULL REFERENCES users(id),
                    device_id TEXT NOT NULL,
                    commitment BYTEA NOT NULL,
                    payload BYTEA NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (user_id, device_id)
                )
                """,
                """
                CREATE TABLE mailbox (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id),
                    device_id TEXT NOT NULL,
                    from_device_id TEXT NOT NULL,
                    payload BYTEA NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX mailbox_by_device ON mailbox(user_id, device_id)",
                """
                CREATE TABLE blobs (
                    id TEXT PRIMARY KEY,
                    owner_id TEXT NOT NULL,
                    size BIGINT NOT NULL,
                    sha256 TEXT NOT NULL,
                    data BYTEA,
                    tombstoned BOOLEAN NOT NULL DEFAULT FALSE,
                    created_at BIGINT NOT NULL
                )
                """,
            ]
        )
    ]

    /// "Dialogue" in ASCII: the advisory lock every instance takes while it migrates.
    static let lockKey: Int64 = 0x4469_616C_6F67_7565

    /// Applies what is missing in one transaction, holding the lock until it commits: a second
    /// instance that starts at the same moment waits, then finds nothing left to do.
    static func apply(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
                logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM schema_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(id)
            }
            let known = Set(all.map(\.id))
            if let newer = applied.subtracting(known).sorted().first {
                throw ServerStoreError(
                    .unavailable,
                    "its schema is newer than this dialogue-server knows (migration \(newer)); run the newer version")
            }
            for migration in all where !applied.contains(migration.id) {
                logger.info("applying migration", metadata: ["migration": "\(migration.id)"])
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (id, applied_at) VALUES (\(migration.id), now())", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
