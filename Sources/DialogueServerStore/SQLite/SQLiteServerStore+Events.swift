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
            var events: [SyncEvent] = []
            events.reserveCapacity(rows.count)
            for row in rows {
                // By position (seq, type, data, created_at), as selected.
                guard let type = EventType(rawValue: row[1]) else { continue }
                let data = try decoder.decode(EventData.self, from: Data((row[2] as String).utf8))
                events.append(SyncEvent(seq: row[0], type: type, createdAt: Date(millis: row[3]), data: data))
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
        let messageIds = Array(Set(events.compactMap(\.data.messageId)))
        let reactionIds = Array(Set(events.compactMap(\.data.reactionId)))
        let userIds = Array(Set(events.filter { $0.type == .userUpdated }.compactMap(\.data.userId)))
        var messages: [String: Message] = [:]
        if !messageIds.isEmpty {
            for message in try fetchMessages(
                db,
                condition: "m.id IN (SELECT value FROM json_each(?))",
                arguments: [jsonArray(messageIds)]
            ) {
                messages[message.id] = message
            }
        }
        var reactions: [String: Reaction] = [:]
        if !reactionIds.isEmpty {
            for row in try Row.fetchAll(
                db,
                sql: "SELECT * FROM reactions WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [jsonArray(reactionIds)]
            ) {
                let reaction = reaction(from: row)
                reactions[reaction.id] = reaction
            }
        }
        var users: [String: User] = [:]
        if !userIds.isEmpty {
            for row in try Row.fetchAll(
                db,
                sql: "SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [jsonArray(userIds)]
            ) {
                let user = user(from: row)
                users[user.id] = user
            }
        }
        return events.map { event in
            var event = event
            if let id = event.data.messageId { event.data.message = messages[id] }
            if let id = event.data.reactionId { event.data.reaction = reactions[id] }
            if event.type == .userUpdated, let id = event.data.userId { event.data.user = users[id] }
            return event
        }
    }
}
