import DialogueServerStore
import Foundation
import Logging
import PostgresNIO

/// A fresh PostgreSQL database for one test, in the cluster `scripts/test.sh` starts
/// (`DIALOGUE_TEST_POSTGRES_URL`), dropped when the test is done.
package struct TestDatabase: Sendable {
    /// Where the cluster keeps its files, for tests that scan them for plaintext.
    package static var dataDirectory: URL? {
        ProcessInfo.processInfo.environment["DIALOGUE_TEST_POSTGRES_DATA"].map { URL(fileURLWithPath: $0) }
    }

    package let name: String
    /// The URL the server is given.
    package let url: PostgresDatabaseURL
    /// The same, as text for a command line (the test cluster has no passwords).
    package let urlText: String
    private let cluster: PostgresDatabaseURL

    /// - Throws: ``TestDatabaseError`` when no cluster is configured or it cannot be reached.
    package static func create() async throws -> TestDatabase {
        guard let text = ProcessInfo.processInfo.environment["DIALOGUE_TEST_POSTGRES_URL"], !text.isEmpty else {
            throw TestDatabaseError(
                "DIALOGUE_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts a PostgreSQL cluster"
            )
        }
        let cluster = try PostgresDatabaseURL(text)
        let name = "dialogue_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await cluster.run("CREATE DATABASE \(name)")
        let base = text.split(separator: "?", maxSplits: 1)
        var components = URLComponents(string: String(base[0]))
        components?.path = "/\(name)"
        let urlText = (components?.string ?? text) + (base.count > 1 ? "?\(base[1])" : "")
        return TestDatabase(name: name, url: cluster.naming(database: name), urlText: urlText, cluster: cluster)
    }

    /// Drops the database, closing whatever connections are still open to it.
    package func drop() async {
        try? await cluster.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one statement in this database, for tests that change what a server finds there.
    package func execute(_ sql: String) async throws {
        try await url.run(sql)
    }

    /// Whether any row of any table holds `marker`, as text or inside a `bytea` (PostgreSQL
    /// prints those in hex), so a test can check what the database still answers with.
    package func rowsContain(_ marker: String) async throws -> Bool {
        let hex = Data(marker.utf8).map { String(format: "%02x", $0) }.joined()
        var logger = Logger(label: "test-database")
        logger.logLevel = .warning
        let connection = try await PostgresConnection.connect(
            configuration: url.connectionConfiguration(), id: 1, logger: logger)
        do {
            var tables: [String] = []
            for try await name in try await connection.query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'", logger: logger
            ).decode(String.self) {
                tables.append(name)
            }
            var found = false
            for table in tables where !found {
                let rows = try await connection.query(
                    "SELECT count(*) FROM \(unescaped: "\"\(table)\"") t WHERE strpos(t::text, \(marker)) > 0 OR strpos(t::text, \(hex)) > 0",
                    logger: logger)
                for try await count in rows.decode(Int64.self) where count > 0 { found = true }
            }
            try await connection.close()
            return found
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Asks PostgreSQL to write everything to its data files, so a scan of them sees it all.
    package func checkpoint() async throws {
        try await cluster.run("CHECKPOINT")
    }
}

/// Why a test could not get a database.
package struct TestDatabaseError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}

extension PostgresDatabaseURL {
    /// Runs one statement that returns nothing, on a connection of its own.
    fileprivate func run(_ sql: String) async throws {
        var logger = Logger(label: "test-database")
        logger.logLevel = .warning
        let connection = try await PostgresConnection.connect(
            configuration: connectionConfiguration(), id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
