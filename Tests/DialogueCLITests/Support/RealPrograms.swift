import DialogueRPCTransport
import Foundation

/// The real `dialogued` and `dialogue-server` built next to the tests, started in a private
/// directory and stopped by the caller; `nil` when a binary is missing or never becomes ready.
enum RealPrograms {
    /// The XDG variables that isolate one daemon under `root`.
    static func environment(root: String) throws -> [String: String] {
        let environment = [
            "XDG_RUNTIME_DIR": root + "/run", "XDG_DATA_HOME": root + "/data", "XDG_CONFIG_HOME": root + "/config",
        ]
        for directory in environment.values {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        return environment
    }

    /// Starts `dialogued` and waits (up to 10 s) until it answers `daemon.status`.
    static func startDaemon(environment: [String: String]) async throws -> Process? {
        guard let binary = CLIProcess.binary(named: "dialogued") else { return nil }
        let daemon = try launch(binary, [], environment: environment, output: FileHandle.nullDevice)
        let socket = environment["XDG_RUNTIME_DIR", default: ""] + "/dialogue/dialogued.sock"
        for _ in 0..<100 {
            let answered =
                (try? await RPCClient.withConnection(socketPath: socket) { client in
                    try await client.call("daemon.status")
                }) != nil
            if answered { return daemon }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop(daemon)
        return nil
    }

    /// Starts `dialogue-server --dev --port 0` and returns it with its URL (read from its stdout).
    static func startServer(root: String) async throws -> (Process, String)? {
        guard let binary = CLIProcess.binary(named: "dialogue-server") else { return nil }
        let log = root + "/server.out"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        try FileManager.default.createDirectory(atPath: root + "/srv", withIntermediateDirectories: true)
        let server = try launch(
            binary, ["--dev", "--port", "0", "--data-dir", root + "/srv"], environment: [:],
            output: try FileHandle(forWritingTo: URL(fileURLWithPath: log)))
        for _ in 0..<100 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) {
                return (server, String(text[range]))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop(server)
        return nil
    }

    static func stop(_ process: Process) {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    private static func launch(
        _ binary: URL, _ arguments: [String], environment: [String: String], output: FileHandle
    ) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
