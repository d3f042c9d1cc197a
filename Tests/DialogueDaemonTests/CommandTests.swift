import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `dialogued` executable as scripts see it: flags, exit codes, one-sentence errors, SIGTERM.
struct CommandTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func launch(_ arguments: [String], environment: [String: String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BuiltProgram.path("dialogued"))
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    /// Off the cooperative pool: it blocks until the program exits.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        try await OffPool.run { try blockingRun(arguments, environment: environment) }
    }

    private static func blockingRun(_ arguments: [String], environment: [String: String]) throws -> Outcome {
        let (process, output, errors) = try launch(arguments, environment: environment)
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test func versionAndHelp() async throws {
        let version = try await Self.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try await Self.run(["--help"])
        #expect(help.status == 0)
        for flag in ["--socket", "--data-dir", "--config"] { #expect(help.stdout.contains(flag)) }
    }

    @Test func aBadConfigExitsWith78AndOneSentenceNamingTheLine() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let config = directory.url.appendingPathComponent("config.toml")
        try Data("server = \"https://a.example\"\nunlock = \"retina\"\n".utf8).write(to: config)
        let outcome = try await Self.run(["--config", config.path], environment: directory.environment)
        #expect(outcome.status == 78)
        #expect(outcome.stderr.hasPrefix("dialogued: "))
        #expect(outcome.stderr.contains("line 2"))
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test func noRuntimeDirectoryAndNoSocketIsAClearError() async throws {
        let outcome = try await Self.run([], environment: ["HOME": "/tmp"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--socket"))
    }

    @Test func anUnknownFlagIsAUsageError() async throws {
        let outcome = try await Self.run(["--frobnicate"])
        #expect(outcome.status == 64)
    }

    @Test func aSocketAlreadyServedExitsWith69() async throws {
        try await withTestDaemon { daemon in
            let outcome = try await Self.run(
                ["--socket", daemon.paths.socket.path], environment: daemon.directory.environment)
            #expect(outcome.status == 69)
            #expect(outcome.stderr.contains("already listening"))
            #expect(try await daemon.call("daemon.status")["locked"] == true)
        }
    }

    @Test func aReadableKeyFileExitsWith77() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let keyFile = directory.url.appendingPathComponent("store.key")
        _ = FileManager.default.createFile(
            atPath: keyFile.path, contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: 0o644])
        let config = directory.url.appendingPathComponent("config.toml")
        try Data("unlock = \"keyfile\"\nkeyFile = \"\(keyFile.path)\"\n".utf8).write(to: config)
        let outcome = try await Self.run(["--config", config.path], environment: directory.environment)
        #expect(outcome.status == 77)
        #expect(outcome.stderr.contains("chmod 600"))
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func servesOnTheXDGSocketAndStopsCleanlyOnASignal(_ signal: Int32) async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let paths = try directory.paths()
        let (process, _, _) = try Self.launch([], environment: directory.environment)
        defer { if process.isRunning { process.terminate() } }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: paths.socket.path) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let status = try await RPCClient.withConnection(socketPath: paths.socket.path) { client in
            try await client.call("daemon.status")
        }
        #expect(status["locked"] == true)
        kill(process.processIdentifier, signal)
        let exitDeadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < exitDeadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: paths.socket.path))
    }
}
