import DialogueTestSupport
import Foundation
import Testing

/// Runs the built `dialogue` (and `dialogued`) binaries as subprocesses, always with a deadline.
enum CLIProcess {
    /// What one run produced.
    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `dialogue ARGUMENTS` with `stdin` piped in; killed after `timeout`.
    static func run(
        _ arguments: [String],
        stdin: String = "",
        environment: [String: String] = [:],
        timeout: Duration = .seconds(30)
    ) async throws -> Outcome {
        let executable = try #require(BuiltProgram.url("dialogue"), "the dialogue binary was not built")
        return try await run(
            executable: executable, arguments, stdin: stdin, environment: environment, timeout: timeout)
    }

    static func run(
        executable: URL,
        _ arguments: [String],
        stdin: String,
        environment: [String: String],
        timeout: Duration
    ) async throws -> Outcome {
        let directory = try TemporaryDirectory(prefix: "dcli")
        let inPath = directory.path + "/in"
        let outPath = directory.path + "/out"
        let errPath = directory.path + "/err"
        try Data(stdin.utf8).write(to: URL(fileURLWithPath: inPath))
        var env = ["NO_COLOR": "1"]
        for (key, value) in environment { env[key] = value }
        // Not Foundation's `Process`: see `ChildProcess` for why.
        let process = try ChildProcess(
            executable.path, arguments, environment: env, stdin: inPath, stdout: outPath, stderr: errPath)
        var status = try await process.waitForExit(timeout: timeout)
        if status == nil {
            process.stop()
            status = -1
        }
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Outcome(status: status ?? -1, stdout: stdout, stderr: stderr)
    }
}
