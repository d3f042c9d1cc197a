import Logging
import PostgresNIO

/// One open transaction on a leased connection, with what it appended to event logs.
///
/// Used only by the task that opened it, so it is a plain class rather than an actor.
final class PostgresTransaction {
    let connection: PostgresConnection
    let logger: Logger
    /// What was appended, with full payloads for live delivery after commit.
    var committed: [CommittedEvent] = []

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Runs a statement and returns how many rows it returned (`RETURNING 1` counts what changed).
    @discardableResult
    func execute(_ query: PostgresQuery) async throws -> Int {
        let rows = try await connection.query(query, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    /// Every row, decoded by position into the given column types.
    func all<each Column: PostgresDecodable & Sendable>(_ query: PostgresQuery, as type: (repeat each Column).Type)
        async throws -> [(repeat each Column)]
    {
        var result: [(repeat each Column)] = []
        for try await row in try await connection.query(query, logger: logger).decode(type) { result.append(row) }
        return result
    }

    /// The first row, if there is one.
    func first<each Column: PostgresDecodable & Sendable>(_ query: PostgresQuery, as type: (repeat each Column).Type)
        async throws -> (repeat each Column)?
    {
        for try await row in try await connection.query(query, logger: logger).decode(type) { return row }
        return nil
    }
}
