import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` URL, read the way libpq reads one,
/// turned into postgres-nio's pool and single-connection configurations.
///
/// `host` may also be a query parameter naming a Unix socket directory (`?host=/run/postgresql`),
/// as with libpq. `sslmode` is `disable`, `prefer` (the default, as with libpq), `require` (TLS
/// without checking the certificate) or `verify-full`.
package struct PostgresDatabaseURL: Sendable, CustomStringConvertible {
    enum Endpoint: Sendable {
        case tcp(host: String, port: Int)
        /// The socket file itself (`DIR/.s.PGSQL.PORT`).
        case socket(path: String)
    }

    enum TLSMode: String, Sendable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    let endpoint: Endpoint
    let username: String
    let password: String?
    private(set) var database: String
    let tls: TLSMode

    /// - Throws: ``ServerStoreError/Kind/invalidInput`` with a sentence that never repeats the
    ///   password.
    package init(_ text: String) throws(ServerStoreError) {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw ServerStoreError.invalidInput("The database URL must look like postgres://user@host:port/database.")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        guard (1...65535).contains(port) else {
            throw ServerStoreError.invalidInput("The database URL's port must be between 1 and 65535.")
        }
        if let directory = query["host"], directory.hasPrefix("/") {
            endpoint = .socket(path: "\(directory)/.s.PGSQL.\(port)")
        } else if let host = components.host, !host.isEmpty {
            endpoint = .tcp(host: host, port: port)
        } else {
            throw ServerStoreError.invalidInput("The database URL names no host.")
        }
        username = components.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? query["password"]
        let path = String(components.path.drop(while: { $0 == "/" }))
        database = path.isEmpty ? (query["dbname"] ?? username) : (path.removingPercentEncoding ?? path)
        guard let mode = TLSMode(rawValue: query["sslmode"] ?? "prefer") else {
            throw ServerStoreError.invalidInput(
                "The database URL's sslmode must be disable, prefer, require or verify-full.")
        }
        tls = mode
    }

    /// The same server and credentials with another database (tests make one per server).
    package func naming(database: String) -> PostgresDatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// Where it points, without the password: for logs and error messages.
    package var description: String {
        switch endpoint {
        case .tcp(let host, let port): "\(username)@\(host):\(port)/\(database)"
        case .socket(let path): "\(username)@\(path)/\(database)"
        }
    }

    private var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if tls != .verifyFull { configuration.certificateVerification = .none }
        return configuration
    }

    /// The pool's configuration.
    var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            let mode: PostgresClient.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(tlsConfiguration)
                case .require, .verifyFull: .require(tlsConfiguration)
                }
            configuration = .init(
                host: host, port: port, username: username, password: password, database: database, tls: mode)
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// The configuration of the single connection that migrates at start.
    package func connectionConfiguration() throws -> PostgresConnection.Configuration {
        switch endpoint {
        case .tcp(let host, let port):
            let mode: PostgresConnection.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
                case .require, .verifyFull: .require(try NIOSSLContext(configuration: tlsConfiguration))
                }
            return .init(host: host, port: port, username: username, password: password, database: database, tls: mode)
        case .socket(let path):
            return .init(unixSocketPath: path, username: username, password: password, database: database)
        }
    }
}
