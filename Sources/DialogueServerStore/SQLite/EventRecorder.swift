import DialogueProtocol
import Foundation
import GRDB

/// Appends event-log entries inside the writing transaction, allocating each user's next
/// sequence number there (never outside it, so a reader cannot skip an event that commits late).
struct EventRecorder {
    /// What was appended, with full payloads for live delivery after commit.
    private(set) var committed: [CommittedEvent] = []

    /// Appends one event to each user's log. `live` is what connected clients get now; the log keeps
    /// only references (``EventData/encodedForms()``).
    mutating func append(
        _ db: Database,
        to userIds: some Sequence<String>,
        type: EventType,
        data live: EventData,
        now: Date
    ) throws {
        let (stored, live, encodedLive) = try live.encodedForms()
        for userId in Set(userIds).sorted() {
            let next = try db.cachedStatement(
                sql: "UPDATE users SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq"
            )
            guard let seq = try Int64.fetchOne(next, arguments: [userId]) else { continue }
            try db.cachedStatement(
                sql: "INSERT INTO events (user_id, seq, type, data, created_at) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [userId, seq, type.rawValue, stored, now.millis])
            committed.append(
                CommittedEvent(
                    userId: userId,
                    event: SyncEvent(seq: seq, type: type, createdAt: now, data: live),
                    encodedData: encodedLive
                )
            )
        }
    }
}
