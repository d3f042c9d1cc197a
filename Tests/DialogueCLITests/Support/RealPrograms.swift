import DialogueRPCTransport
import DialogueTestSupport
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

    /// Starts `dialogued` and waits (up to 10 s) until it answers `daemon.status`; its log goes to
    /// `log` when given (kept for reading when a test fails).
    static func startDaemon(environment: [String: String], log: String? = nil) async throws -> ChildProcess? {
        guard let binary = BuiltProgram.url("dialogued") else { return nil }
        let daemon = try ChildProcess(binary.path, [], environment: environment, stdout: log, stderr: log)
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

    /// Starts `dialogue-server --dev --port 0` and returns it with its URL (read from its output).
    static func startServer(root: String) async throws -> (ChildProcess, String)? {
        try FileManager.default.createDirectory(atPath: root + "/srv", withIntermediateDirectories: true)
        guard
            let server = try? await ServerProgram.start(
                ["--dev", "--port", "0", "--data-dir", root + "/srv"], log: root + "/server.out")
        else { return nil }
        return (server.process, server.url.absoluteString)
    }

    /// A token secret for servers that are restarted: `--dev` makes a new one per process, which
    /// would sign every daemon out at the restart.
    static let serverSecret = "cli-test-secret-0123456789abcdef0123456789"

    /// Starts `dialogue-server` on a fixed `port` (below the ephemeral range, see
    /// ``restartablePort()``) over `root/srv`, with ``serverSecret``; start it again with the same
    /// arguments after ``stop(_:)`` for a restart that keeps accounts, data and sessions. `nil`
    /// when the port is taken or the server never says it listens.
    static func startServer(root: String, port: Int) async throws -> ChildProcess? {
        try FileManager.default.createDirectory(atPath: root + "/srv", withIntermediateDirectories: true)
        let server = try? await ServerProgram.start(
            ["--host", "127.0.0.1", "--port", "\(port)", "--data-dir", root + "/srv"],
            environment: ["DIALOGUE_JWT_SECRET": serverSecret], log: root + "/server-\(port).out")
        return server?.process
    }

    /// A port for a server that will be restarted: below the kernel's ephemeral range (32768 and
    /// up), so a daemon reconnecting to the dead port cannot connect to itself (a TCP
    /// self-connect) and hold it; see Tests/DialogueDaemonTests/Support/TestServer.swift.
    static func restartablePort() -> Int {
        Int.random(in: 20000..<30000)
    }

    /// Stops a program (SIGTERM, then SIGKILL after 10 s) and reaps it.
    static func stop(_ process: ChildProcess) {
        process.stop()
    }
}
