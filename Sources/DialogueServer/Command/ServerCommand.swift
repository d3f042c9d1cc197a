import ArgumentParser
import DialogueProtocol
import DialogueServerStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `dialogue-server`: the command line of DESIGN.md's "Running the programs".
package struct ServerCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "dialogue-server",
        abstract: "The Dialogue server: accounts, key directory, encrypted messages and the event stream.",
        version: ProtocolVersion.product
    )

    @Option(help: "Address to listen on.")
    var host: String?

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port: Int?

    @Option(name: .customLong("data-dir"), help: "Directory for the SQLite database.")
    var dataDirectory: String?

    @Option(
        name: .customLong("database-url"),
        help: "postgres://user@host:port/database: keep everything in PostgreSQL instead of SQLite."
    )
    var databaseURL: String?

    @Option(name: .customLong("config"), help: "JSON configuration file.")
    var configFile: String?

    @Flag(name: .customLong("dev"), help: "Development mode: make an ephemeral JWT secret if none is configured.")
    var development = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    package init() {}

    package func run() async throws {
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration.load(
                configFile: configFile,
                environment: ProcessInfo.processInfo.environment,
                host: host,
                port: port,
                dataDirectory: dataDirectory,
                databaseURL: databaseURL,
                development: development
            )
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("dialogue-server: \(error.description)\n".utf8))
            throw ExitCode(78)
        }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        var logger = Logger(label: "dialogue-server")
        logger.logLevel = level
        let app: any ApplicationProtocol
        do {
            app = try await ServerApplication.build(configuration: configuration, logger: logger) { address in
                let text =
                    "dialogue-server listening on http://\(address?.ipAddress ?? configuration.host):\(address?.port ?? configuration.port)\n"
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        } catch let error as ServerStoreError {
            // The store cannot be opened (a database that refuses, a directory not writable).
            FileHandle.standardError.write(Data("dialogue-server: \(error.message)\n".utf8))
            throw ExitCode(69)
        }
        try await app.runService()
    }
}
