import Foundation
import GRDB

/// SQLite's own consistency check on a server data directory.
enum PragmaCheck {
    static func integrity(of directory: URL) async throws -> String {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("dialogue-server.sqlite").path)
        return try await queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}
