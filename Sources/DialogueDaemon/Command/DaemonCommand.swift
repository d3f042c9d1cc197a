import ArgumentParser
import DialogueProtocol
import DialogueRPCTransport
import DialogueSystemd
import Foundation
import Logging

/// `dialogued [--socket PATH] [--data-dir DIR] [--config FILE]`: the per-user daemon.
///
/// Without flags everything follows the XDG variables, so `XDG_RUNTIME_DIR`, `XDG_DATA_HOME` and
/// `XDG_CONFIG_HOME` alone isolate one instance. Failures print one sentence on stderr and exit with
/// a sysexits code: 64 usage, 69 socket in use, 73 cannot create files, 77 key file refused,
/// 78 configuration, 1 anything else.
package struct DaemonCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "dialogued",
        abstract: "The Dialogue daemon: keeps your keys and encrypted cache, serves the local JSON-RPC API.",
        discussion: """
            Files: config $XDG_CONFIG_HOME/dialogue/config.toml, data $XDG_DATA_HOME/dialogue/, \
            socket $XDG_RUNTIME_DIR/dialogue/dialogued.sock. The key store stays locked until a \
            front end calls daemon.unlock, unless config.toml sets unlock = "keyfile".
            """,
        version: ProtocolVersion.product
    )

    @Option(name: .long, help: ArgumentHelp("The Unix socket to serve on.", valueName: "path"))
    var socket: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the key store and cache live.", valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .long, help: ArgumentHelp("The config file (TOML).", valueName: "file"))
    var config: String?

    package init() {}

    package func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let paths: DaemonPaths
        let settings: DaemonConfiguration
        do {
            paths = try DaemonPaths.resolve(
                environment: environment, socket: socket, dataDirectory: dataDirectory, configFile: config)
            settings = try DaemonConfiguration.load(paths: paths)
        } catch {
            throw Self.fail("\(error)", code: 78)
        }
        let level = settings.logLevel
        // Under systemd, structured entries go to the journal; elsewhere, plain stderr.
        let makeHandler = SystemdLogging.handler(identifier: "dialogued")
        LoggingSystem.bootstrap { label in
            var handler = makeHandler(label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "dialogued")
        do {
            try await Daemon.run(configuration: settings, paths: paths, logger: logger)
        } catch let error as DaemonError {
            throw Self.fail(error.message, code: error.code == .locked ? 77 : 73)
        } catch let error as ConfigurationError {
            throw Self.fail(error.description, code: 78)
        } catch let error as RPCServerError {
            switch error {
            case .alreadyInUse: throw Self.fail(error.description, code: 69)
            case .runtimeDirectoryUnset, .socketPathTooLong, .notASocket: throw Self.fail(error.description, code: 64)
            default: throw Self.fail(error.description, code: 73)
            }
        } catch {
            throw Self.fail("dialogued stopped on an unexpected error: \(error)", code: 1)
        }
    }

    /// Prints the one-sentence reason on stderr and returns the exit code to throw.
    private static func fail(_ message: String, code: Int32) -> ExitCode {
        var line = "dialogued: " + message
        if !line.hasSuffix(".") { line += "." }
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return ExitCode(code)
    }
}
