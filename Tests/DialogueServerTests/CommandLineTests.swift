import DialogueTestSupport
import Foundation
import Testing

@Suite("The dialogue-server command line")
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Off the cooperative pool: it blocks until the program exits.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        try await OffPool.run { try blockingRun(arguments, environment: environment) }
    }

    private static func blockingRun(_ arguments: [String], environment: [String: String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BuiltProgram.path("dialogue-server"))
        process.arguments = arguments
        var base = ProcessInfo.processInfo.environment
        base["DIALOGUE_JWT_SECRET"] = nil
        process.environment = base.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    @Test func versionAndHelp() async throws {
        let version = try await Self.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try await Self.run(["--help"])
        #expect(help.status == 0)
        for flag in ["--host", "--port", "--data-dir", "--config", "--dev"] { #expect(help.stdout.contains(flag)) }
    }

    @Test func refusesToStartWithoutASecret() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try await Self.run(["--port", "0", "--data-dir", directory.url.path])
        #expect(run.status == 78)
        #expect(run.stderr.contains("no JWT secret"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        let short = try await Self.run(
            ["--port", "0", "--data-dir", directory.url.path],
            environment: ["DIALOGUE_JWT_SECRET": "short"]
        )
        #expect(short.status == 78)
        let badConfig = try await Self.run(["--config", directory.url.appendingPathComponent("missing.json").path])
        #expect(badConfig.status == 78)
        #expect(badConfig.stderr.contains("config file"))
        let badFlag = try await Self.run(["--port", "eighty"])
        #expect(badFlag.status != 0)
    }

    /// A database that cannot be used stops the start with one line that says why, status 69
    /// (EX_UNAVAILABLE), and never the URL's password; a URL that is not PostgreSQL's is a
    /// configuration error (78).
    @Test func aDatabaseThatCannotBeUsedIsOneClearLine() async throws {
        let secret = ["DIALOGUE_JWT_SECRET": String(repeating: "s", count: 40)]
        let refused = try await Self.run(
            ["--port", "0", "--database-url", "postgres://dialogue:hunter2secret@127.0.0.1:1/dialogue"],
            environment: secret)
        #expect(refused.status == 69)
        let lines = refused.stderr.split(separator: "\n").filter { $0.hasPrefix("dialogue-server:") }
        #expect(lines.count == 1, "\(refused.stderr)")
        #expect(lines.first?.contains("connection refused") == true, "\(refused.stderr)")
        #expect(!refused.stderr.contains("hunter2secret") && !refused.stdout.contains("hunter2secret"))

        let database = try await TestDatabase.create()
        defer { Task { await database.drop() } }
        let missing = try await Self.run(
            ["--port", "0", "--database-url", "\(database.urlText)_missing"], environment: secret)
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")

        let notPostgres = try await Self.run(
            ["--port", "0", "--database-url", "mysql://root:pw@db/dialogue"], environment: secret)
        #expect(notPostgres.status == 78)
        #expect(notPostgres.stderr.contains("postgres://"), "\(notPostgres.stderr)")
        #expect(!notPostgres.stderr.contains("pw@"))
    }

    @Test func sigtermShutsDownCleanlyAndDataSurvives() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try await ServerProgram.start(directory: directory.url)
        let ann = try await Fixtures.signup(TestServerAddress(port: first.port), name: "Ann")
        #expect(try await first.terminate() == 0)
        let second = try await ServerProgram.start(directory: directory.url)
        defer { second.process.stop() }
        let check = try await TestServerAddress(port: second.port).api(token: ann.token).get("/api/auth/check")
        #expect(check.status == .ok)
    }
}
