import Foundation

/// The real `dialogue-server` binary, started on a fresh temporary data directory.
///
/// Its stdout and stderr go to a log file in that directory (a pipe nobody drains could block
/// the server); the harness polls the file for the "listening on" line to learn the port.
final class ServerProcess {
    let process = Process()
    let directory: URL
    private(set) var port = 0

    var pid: Int32 { process.processIdentifier }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    private var logURL: URL { directory.appendingPathComponent("server.log") }

    /// Starts the server and waits until it listens.
    /// - Parameters:
    ///   - executable: Path of the `dialogue-server` binary.
    ///   - logLevel: The server's `--log-level`.
    init(executable: String, logLevel: String) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dialogue-bench-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The harness signs up hundreds of accounts from one address: lift the auth rate limit.
        let config = directory.appendingPathComponent("config.json")
        try Data(#"{"authRateLimit": 100000}"#.utf8).write(to: config)
        guard FileManager.default.createFile(atPath: logURL.path, contents: nil) else {
            throw BenchmarkError("cannot create the server log in \(directory.path)")
        }
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }

        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--port", "0", "--data-dir", directory.appendingPathComponent("data").path,
            "--config", config.path, "--log-level", logLevel,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["DIALOGUE_JWT_SECRET"] = "bench-" + UUID().uuidString + UUID().uuidString
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
        port = try waitForPort()
    }

    /// Resident set size of the server process in KiB, from `/proc/PID/status`.
    func residentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return line.split(separator: " ").compactMap { Int($0) }.first
        }
        return nil
    }

    /// Stops the server (SIGTERM, then SIGKILL after ten seconds) and removes its directory
    /// unless `keepDirectory` (kept after a failure, for its `server.log`).
    func stop(keepDirectory: Bool = false) {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        if !keepDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The last part of the server's log, for error messages.
    func logTail() -> String {
        guard let data = try? Data(contentsOf: logURL) else { return "" }
        let state = process.isRunning ? "running" : "exited with status \(process.terminationStatus)"
        return String(decoding: data.suffix(3000), as: UTF8.self) + "\n(server \(state))"
    }

    private func waitForPort() throws -> Int {
        let marker = "listening on http://"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let text = try? String(contentsOf: logURL, encoding: .utf8),
                let range = text.range(of: marker)
            {
                let rest = text[range.upperBound...]
                if let line = rest.split(separator: "\n", maxSplits: 1).first, rest.contains("\n"),
                    let portText = line.split(separator: ":").last, let port = Int(portText)
                {
                    return port
                }
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        let tail = logTail()
        stop()
        throw BenchmarkError("dialogue-server did not start:\n\(tail)")
    }
}
