import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `dialogue-server` executable in a child process, for what an in-process server cannot
/// show: kill -9 mid-traffic, restarts, the command line itself.
package final class ServerProgram: Sendable {
    package let process: ChildProcess
    /// Where it listens, as it printed it.
    package let url: URL
    package var port: Int { url.port ?? 0 }

    private init(process: ChildProcess, url: URL) {
        self.process = process
        self.url = url
    }

    /// Starts `dialogue-server ARGUMENTS` with its standard output and error appended to `log`
    /// and returns once it says where it listens; throws with the log's text when it never does
    /// (a port taken, a bad configuration).
    package static func start(_ arguments: [String], environment: [String: String] = [:], log: String)
        async throws -> ServerProgram
    {
        let offset = ChildProcess.outputSize(of: log)
        let process = try ChildProcess(
            try BuiltProgram.path("dialogue-server"), arguments, environment: environment, stdout: log, stderr: log,
            appending: true)
        let line = try await process.waitForOutput(
            matching: #"listening on http://[0-9.]+:[0-9]+"#, in: log, after: offset)
        guard let line, let url = URL(string: String(line.dropFirst("listening on ".count))) else {
            process.stop(signal: SIGKILL)
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ChildProcess.Failure(description: "dialogue-server did not start: \(text)")
        }
        return ServerProgram(process: process, url: url)
    }

    /// SIGKILL: no shutdown code runs, as in a crash or a power cut.
    package func kill() {
        process.stop(signal: SIGKILL)
    }

    /// SIGTERM and its exit status (0 for a clean shutdown), or `nil` when it is still running
    /// after `timeout`.
    package func terminate(timeout: Duration = .seconds(15)) async throws -> Int32? {
        process.signal(SIGTERM)
        return try await process.waitForExit(timeout: timeout)
    }
}
