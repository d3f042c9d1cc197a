import DialogueProtocol
import Foundation
import GRDB

extension SQLiteServerStore {
    package func events(userId: String, after cursor: Int64, limit: Int) async throws(ServerStoreError) -> [SyncEvent] {
        try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT seq, type, data, created_at FROM events WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                arguments: [userId, cursor, limit]
            )
            let decoder = WireCoding.decoder()
            let events = try rows.compactMap { row in
                // By position (seq, type, data, created_at), as selected.
                try SyncEvent.logged(seq: row[0], type: row[1], data: row[2], createdAt: row[3], decoder: decoder)
            }
            return try Self.hydrate(db, events)
        }
    }

    package func eventBounds(userId: String) async throws(ServerStoreError) -> (floor: Int64, current: Int64) {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT event_floor, event_seq FROM users WHERE id = ?", arguments: [userId])
            else { throw ServerStoreError.unknownAccount }
            return (row["event_floor"], row["event_seq"])
        }
    }

    package func pruneEvents(olderThan date: Date) async throws(ServerStoreError) -> Int {
        try await write { db, _ in
            try db.execute(
                sql: """
                    UPDATE users SET event_floor = (
                        SELECT MAX(seq) FROM events e WHERE e.user_id = users.id AND e.created_at < ?
                    )
                    WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = users.id AND e.created_at < ?)
                    """,
                arguments: [date.millis, date.millis]
            )
            try db.execute(sql: "DELETE FROM events WHERE created_at < ?", arguments: [date.millis])
            return db.changesCount
        }
    }

    /// Fills message, reaction and user references with their current state (three queries).
    static func hydrate(_ db: Database, _ events: [SyncEvent]) throws -> [SyncEvent] {
        let references = EventReferences(of: events)
        let messages =
            references.messageIds.isEmpty
            ? []
            : try fetchMessages(
                db,
                condition: "m.id IN (SELECT value FROM json_each(?))",
                arguments: [jsonArray(references.messageIds)]
            )
        let reactions =
            references.reactionIds.isEmpty
            ? []
            : try Row.fetchAll(
                db,
                sql: "SELECT * FROM reactions WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [jsonArray(references.reactionIds)]
            ).map(reaction(from:))
        let users =
            references.userIds.isEmpty
            ? []
            : try Row.fetchAll(
                db,
                sql: "SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [jsonArray(references.userIds)]
            ).map(user(from:))
        return references.fill(events, messages: messages, reactions: reactions, users: users)
    }
}
