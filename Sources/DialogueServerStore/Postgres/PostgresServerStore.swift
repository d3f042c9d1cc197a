import DialogueProtocol
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle

/// The store for several instances: everything in one PostgreSQL database (15 or newer), reached
/// through postgres-nio's connection pool.
///
/// Every mutating call is one transaction at READ COMMITTED. The rows a rule reads are locked
/// first (the conversation row, then users in id order for their event sequence), so two
/// instances see the same order a single SQLite writer would. A deadlock, a serialization
/// failure or a unique-key race between two instances rolls the whole transaction back and runs
/// it again, where the rule checks then see the winner's row and answer as they would have.
package struct PostgresServerStore: ServerStore {
    package var kind: String { "postgres" }

    let client: PostgresClient
    let sink: any EventSink
    let fanout: PostgresFanout
    let logger: Logger

    /// How many times a transaction that lost a race is tried in all.
    private static let attempts = 6

    /// Connects to `url`, applies the migrations that are missing (under an advisory lock, so
    /// instances starting together do not race) and makes the pool. Run ``service`` to let the
    /// pool open connections.
    /// - Throws: ``ServerStoreError/Kind/unavailable`` saying in one line why the database cannot
    ///   be used (refused, unknown database, bad password); the URL's password is never in it.
    package static func open(url: PostgresDatabaseURL, sink: any EventSink, logger: Logger)
        async throws(ServerStoreError) -> PostgresServerStore
    {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(), id: 1, logger: logger)
            do {
                try await PostgresMigrations.apply(on: connection, logger: logger)
                try? await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw ServerStoreError(
                .unavailable, "cannot use the PostgreSQL database \(url): \(Self.reason(error))", cause: error)
        }
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger)
        let fanout = PostgresFanout(url: url, client: client, sink: sink, logger: logger)
        return PostgresServerStore(client: client, sink: sink, fanout: fanout, logger: logger)
    }

    /// The pool and the cross-instance fan-out; they must run for as long as the store is used.
    package var services: [any Service] { [client, fanout] }

    /// Runs `body` in a transaction and publishes its events once it has committed.
    @discardableResult
    func write<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws(ServerStoreError) -> T {
        var attempt = 1
        while true {
            do {
                let (value, events) = try await transaction("BEGIN") { transaction in
                    (try await body(transaction), transaction.committed)
                }
                if !events.isEmpty {
                    await sink.publish(events)
                    fanout.committed(events)
                }
                return value
            } catch let error as PSQLError where attempt < Self.attempts && Self.isRace(error) {
                logger.debug("transaction lost a race; trying again", metadata: ["sqlstate": "\(Self.state(error))"])
                attempt += 1
            } catch {
                throw ServerStoreError(error)
            }
        }
    }

    /// Runs `body` in a read-only transaction over one snapshot, as SQLite's reads see one.
    func read<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws(ServerStoreError) -> T {
        do {
            return try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
        } catch {
            throw ServerStoreError(error)
        }
    }

    private func transaction<T: Sendable>(_ begin: PostgresQuery, _ body: (PostgresTransaction) async throws -> T)
        async throws -> T
    {
        try await client.withConnection { connection in
            let transaction = PostgresTransaction(connection: connection, logger: logger)
            try await transaction.execute(begin)
            do {
                let value = try await body(transaction)
                try await transaction.execute("COMMIT")
                return value
            } catch {
                _ = try? await transaction.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Deadlock, serialization failure, or a unique key another transaction took first.
    static func isRace(_ error: PSQLError) -> Bool {
        ["40001", "40P01", "23505"].contains(state(error))
    }

    static func state(_ error: PSQLError) -> String { error.serverInfo?[.sqlState] ?? "" }

    /// What the server or the network said, in one line.
    static func reason(_ error: any Error) -> String {
        if let error = error as? ServerStoreError { return error.message }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return reason(underlying) }
            return "\(error.code)"
        }
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.first { return reason(failure.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "its host name does not resolve" }
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        return "\(error)"
    }
}
