import DialogueProtocol
import Foundation
import PostgresNIO

extension PostgresServerStore {
    package func events(userId: String, after cursor: Int64, limit: Int) async throws(ServerStoreError) -> [SyncEvent] {
        try await read { transaction in
            let decoder = WireCoding.decoder()
            let events = try await transaction.all(
                """
                SELECT seq, type, data, created_at FROM events WHERE user_id = \(userId) AND seq > \(cursor)
                ORDER BY seq LIMIT \(limit)
                """,
                as: (Int64, String, String, Int64).self
            ).compactMap { seq, type, data, createdAt in
                try SyncEvent.logged(seq: seq, type: type, data: data, createdAt: createdAt, decoder: decoder)
            }
            return try await Self.hydrate(transaction, events)
        }
    }

    package func eventBounds(userId: String) async throws(ServerStoreError) -> (floor: Int64, current: Int64) {
        try await read { transaction in
            guard
                let bounds = try await transaction.first(
                    "SELECT event_floor, event_seq FROM users WHERE id = \(userId)", as: (Int64, Int64).self)
            else { throw ServerStoreError.unknownAccount }
            return (bounds.0, bounds.1)
        }
    }

    package func pruneEvents(olderThan date: Date) async throws(ServerStoreError) -> Int {
        try await write { transaction in
            try await transaction.execute(
                """
                UPDATE users SET event_floor = pruned.seq
                FROM (SELECT user_id, MAX(seq) AS seq FROM events WHERE created_at < \(date.millis) GROUP BY user_id)
                    AS pruned
                WHERE users.id = pruned.user_id
                """
            )
            return try await transaction.execute("DELETE FROM events WHERE created_at < \(date.millis) RETURNING 1")
        }
    }

    /// Fills message, reaction and user references with their current state.
    static func hydrate(_ transaction: PostgresTransaction, _ events: [SyncEvent]) async throws -> [SyncEvent] {
        let references = EventReferences(of: events)
        let messages =
            references.messageIds.isEmpty
            ? []
            : try await fetchMessages(
                transaction,
                "SELECT \(unescaped: messageColumns) FROM messages m WHERE m.id = ANY(\(references.messageIds))")
        let reactions =
            references.reactionIds.isEmpty
            ? []
            : try await transaction.all(
                "SELECT \(unescaped: reactionColumns) FROM reactions WHERE id = ANY(\(references.reactionIds))",
                as: ReactionColumns.self
            ).map(reaction(from:))
        let users =
            references.userIds.isEmpty
            ? []
            : try await transaction.all(
                "SELECT \(unescaped: userColumns) FROM users WHERE id = ANY(\(references.userIds))",
                as: UserColumns.self
            ).map(user(from:))
        return references.fill(events, messages: messages, reactions: reactions, users: users)
    }
}
