import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private tmux server (`tmux -L NAME`) running one program in a detached window of a fixed
/// size, for driving full-screen programs as a person would: send keys, read the screen.
///
/// Every tmux command is a short `posix_spawn` reaped without blocking. ``stop()`` kills the
/// server; `deinit` signals it too, so no path leaves a server behind.
final class Tmux {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The tmux binary, when installed.
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Unique per server, so parallel tests and other users' servers never meet.
    let name: String
    private let directory: String
    /// The server's pid and socket, once known; written in `start` only.
    private var serverPID: pid_t = 0
    private var socketPath = ""

    private init(directory: String) {
        self.name = "dialogue-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.directory = directory
    }

    /// Starts a server whose only window, `width`x`height` without a status line, runs `command`.
    /// The pane stays after the program ends (remain-on-exit), so its final screen can be read.
    /// `environment` is added to this process's, without `TMUX` and `NO_COLOR`.
    static func start(
        _ command: [String], width: Int, height: Int, directory: String, environment: [String: String] = [:]
    ) async throws -> Tmux {
        let tmux = Tmux(directory: directory)
        let configuration = directory + "/tmux.conf"
        try "set -g status off\nset -g remain-on-exit on\nset -g history-limit 0\n"
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        var merged = ProcessInfo.processInfo.environment
        merged["TERM"] = "xterm-256color"
        merged["LANG"] = "C.UTF-8"
        merged["LC_ALL"] = "C.UTF-8"
        merged.removeValue(forKey: "TMUX")
        // Like a person's terminal, whatever the test runner set (it may turn colour off).
        merged.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { merged[key] = value }
        _ = try await tmux.run(
            ["-f", configuration, "new-session", "-d", "-s", "chat", "-x", "\(width)", "-y", "\(height)", "--"]
                + command,
            environment: merged)
        let facts = try await tmux.run(["display-message", "-p", "-t", "chat", "#{pid} #{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1)
        tmux.serverPID = facts.first.flatMap { pid_t($0) } ?? 0
        tmux.socketPath = facts.count > 1 ? String(facts[1]) : ""
        return tmux
    }

    /// `tmux send-keys`: key names such as `Enter`, `Escape`, `Up`, or `C-c`.
    func send(keys: String...) async throws {
        _ = try await run(["send-keys", "-t", "chat"] + keys)
    }

    /// Types `text` literally.
    func type(_ text: String) async throws {
        _ = try await run(["send-keys", "-t", "chat", "-l", text])
    }

    /// The visible screen as plain text, one line per row.
    func screen() async throws -> String {
        try await run(["capture-pane", "-p", "-t", "chat"])
    }

    /// The visible screen with its colours and attributes as escape sequences.
    func colouredScreen() async throws -> String {
        try await run(["capture-pane", "-e", "-p", "-t", "chat"])
    }

    /// A tmux format about the pane, such as `#{alternate_on}` or `#{pane_dead}`.
    func format(_ format: String) async throws -> String {
        try await run(["display-message", "-p", "-t", "chat", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resizes the window, as a person dragging the terminal would.
    func resize(width: Int, height: Int) async throws {
        _ = try await run(["resize-window", "-t", "chat", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds or `timeout` passes; the last screen either way.
    func waitForScreen(timeout: Duration = .seconds(20), _ condition: (String) -> Bool) async throws -> (
        met: Bool, screen: String
    ) {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen()
            if condition(last) { return (true, last) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (false, last)
    }

    /// Kills the server (and with it the program, by SIGHUP) and removes its socket.
    func stop() async {
        _ = try? await run(["kill-server"])
        let deadline = ContinuousClock.now + .seconds(5)
        while serverPID > 0, Glibc.kill(serverPID, 0) == 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        cleanUp()
    }

    deinit {
        cleanUp()
    }

    private func cleanUp() {
        if serverPID > 0 { Glibc.kill(serverPID, SIGKILL) }
        serverPID = 0
        if !socketPath.isEmpty { unlink(socketPath) }
        socketPath = ""
    }

    /// Runs one tmux command against this server and returns its standard output.
    @discardableResult
    private func run(_ arguments: [String], environment: [String: String]? = nil) async throws -> String {
        guard let executable = Self.executable else { throw Failure(description: "tmux is not installed") }
        let output = directory + "/tmux.out"
        let errors = directory + "/tmux.err"
        let argv = [executable, "-u", "-L", name] + arguments
        let pid = try Self.spawn(
            argv, stdout: output, stderr: errors, environment: environment ?? ProcessInfo.processInfo.environment)
        let deadline = ContinuousClock.now + .seconds(10)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else {
                Glibc.kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(description: "tmux \(arguments.joined(separator: " ")) hung")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard (status & 0x7f) == 0, (status >> 8) & 0xff == 0 else {
            let error = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(error)")
        }
        return text
    }

    /// Sets close-on-exec on every open descriptor above standard error.
    private static func markDescriptorsCloseOnExec() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in names {
            guard let descriptor = Int32(name), descriptor > 2 else { continue }
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    private static func spawn(_ argv: [String], stdout: String, stderr: String, environment: [String: String]) throws
        -> pid_t
    {
        var arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in arguments { free(pointer) } }
        var variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in variables { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The tmux server outlives this call: it must not inherit the test process's sockets, or a
        // connection another test closes stays open in it (and its peer never sees EOF).
        markDescriptorsCloseOnExec()
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, &arguments, &variables)
        guard result == 0 else { throw Failure(description: "posix_spawn \(argv[0]) failed: \(result)") }
        return pid
    }
}
