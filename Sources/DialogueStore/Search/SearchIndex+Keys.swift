import Foundation
import GRDB

/// Row keys that sort like the messages, by `createdAt` and then by id, while staying dense.
///
/// Messages arrive out of order (history pages load backwards), so SQLite's insertion rowids do
/// not follow time; yet both the trigram index and the table must walk newest-first to stop at
/// the limit without sorting. So each row's key is its place in that order: appended and
/// prepended rows land ``keySpacing`` beyond the last or first, a row between two others takes
/// the middle of their gap, and when a gap is used up the rows after it are spread out again
/// over a window that doubles until it has room. Keys stay small and close together, which
/// keeps the index's rowid deltas to a byte or two; keys built from milliseconds made the
/// trigram index more than twice as large.
extension SearchIndex {
    /// The gap left after an appended or prepended row: room for a few later arrivals between
    /// two neighbours before a re-spread, at one extra bit or so per rowid delta.
    static let keySpacing: Int64 = 32
    /// The gap a re-spread leaves at least between the rows of its window.
    static let minimumGap: Int64 = 4
    /// The first window a re-spread tries.
    static let firstWindow = 8

    static func milliseconds(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        let limit = Double(Int64.max / 2)
        guard milliseconds.isFinite else { return 0 }
        return Int64(min(max(milliseconds, -limit), limit))
    }

    /// Inserts `entry` (its `key` ignored) at its place in the order, re-spreading its
    /// successors when there is no room.
    static func insertInOrder(_ entry: StoredEntry, in db: Database) throws {
        let arguments: StatementArguments = [entry.createdAt, entry.messageId]
        let before = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT key FROM entry WHERE (created_at, message_id) < (?, ?)
                    ORDER BY created_at DESC, message_id DESC LIMIT 1
                    """
            ),
            arguments: arguments
        )
        let after = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT key FROM entry WHERE (created_at, message_id) > (?, ?)
                    ORDER BY created_at, message_id LIMIT 1
                    """
            ),
            arguments: arguments
        )
        var entry = entry
        switch (before, after) {
        case (nil, nil):
            entry.key = 0
        case (let before?, nil):
            entry.key = before + keySpacing
        case (nil, let after?):
            entry.key = after - keySpacing
        case (let before?, let after?) where after - before >= 2:
            entry.key = before + (after - before) / 2
        case (let before?, _?):
            try respread(after: before, inserting: entry, in: db)
            return
        }
        try insert(entry, in: db)
    }

    /// Re-keys the rows after `start` over the first window (8, 16, 32, ... rows) that has room
    /// for them and `entry` at ``minimumGap`` apart, or that reaches the end, and inserts `entry`
    /// first among them.
    private static func respread(after start: Int64, inserting entry: StoredEntry, in db: Database) throws {
        var window = firstWindow
        while true {
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(storedColumns) FROM entry WHERE key > ? ORDER BY key LIMIT ?"),
                arguments: [start, window + 1]
            ).map(StoredEntry.init)
            let step: Int64
            let moving: ArraySlice<StoredEntry>
            if rows.count <= window {
                step = keySpacing
                moving = rows[...]
            } else {
                let room = rows[window].key - start
                guard room >= Int64(window + 2) * minimumGap else {
                    window *= 2
                    continue
                }
                step = room / Int64(window + 2)
                moving = rows[..<window]
            }
            for row in moving { try delete(row, in: db) }
            var placed = entry
            placed.key = start + step
            try insert(placed, in: db)
            for (index, row) in moving.enumerated() {
                var moved = row
                moved.key = start + step * Int64(index + 2)
                try insert(moved, in: db)
            }
            return
        }
    }
}
