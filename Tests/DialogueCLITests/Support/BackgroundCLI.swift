import DialogueTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `dialogue ARGUMENTS` left running (such as `watch`), its output read while it runs, then stopped
/// with ``stop()``; `deinit` kills it too, so no path leaves it behind.
final class BackgroundCLI {
    private let process: ChildProcess
    private let directory: TemporaryDirectory

    /// Starts `dialogue ARGUMENTS` with `environment` added (and `NO_COLOR`, like ``CLIProcess``).
    init(_ arguments: [String], environment: [String: String]) throws {
        guard let binary = BuiltProgram.url("dialogue") else {
            throw ChildProcess.Failure(description: "the dialogue binary was not built")
        }
        directory = try TemporaryDirectory(prefix: "dcli")
        var merged = environment
        merged["NO_COLOR"] = "1"
        process = try ChildProcess(
            binary.path, arguments, environment: merged, stdout: directory.path + "/out",
            stderr: directory.path + "/err")
    }

    /// What it printed on standard output so far.
    var stdout: String { (try? String(contentsOfFile: directory.path + "/out", encoding: .utf8)) ?? "" }

    /// What it printed on standard error so far.
    var stderr: String { (try? String(contentsOfFile: directory.path + "/err", encoding: .utf8)) ?? "" }

    var isRunning: Bool { process.isRunning }

    /// Its exit status once it ends by itself within `timeout`; `nil` if it is still running.
    func exitStatus(within timeout: Duration) async throws -> Int32? {
        try await process.waitForExit(timeout: timeout)
    }

    /// Interrupts it (Ctrl-C) and waits for it to end.
    func stop() {
        process.stop(signal: SIGINT)
    }
}
