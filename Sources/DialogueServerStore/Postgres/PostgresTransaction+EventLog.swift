import DialogueProtocol
import Foundation
import PostgresNIO

extension PostgresTransaction {
    /// Appends one event to each user's log inside this transaction, as ``EventRecorder`` does for
    /// SQLite. Each user's next sequence number is taken under that user's row lock, held until
    /// commit, so n+1 is never visible before n (no gap a reader could skip), and a rolled-back
    /// transaction gives its numbers back.
    ///
    /// Two statements whatever the number of recipients: lock their rows in id order (so two
    /// transactions never wait on each other crosswise), then bump and append in one.
    func append(to userIds: some Sequence<String>, type: EventType, data: EventData, now: Date) async throws {
        let recipients = Array(Set(userIds)).sorted()
        guard !recipients.isEmpty else { return }
        let (stored, live, encodedLive) = try data.encodedForms()
        try await execute("SELECT id FROM users WHERE id = ANY(\(recipients)) ORDER BY id FOR UPDATE")
        let appended = try await all(
            """
            WITH bumped AS (
                UPDATE users SET event_seq = event_seq + 1 WHERE id = ANY(\(recipients)) RETURNING id, event_seq
            )
            INSERT INTO events (user_id, seq, type, data, created_at)
            SELECT id, event_seq, \(type.rawValue), \(stored), \(now.millis) FROM bumped
            RETURNING user_id, seq
            """,
            as: (String, Int64).self
        )
        for (userId, seq) in appended.sorted(by: { $0.0 < $1.0 }) {
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
