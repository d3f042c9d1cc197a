import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A program started with `posix_spawn` and reaped with non-blocking `waitpid`: daemons, servers,
/// `dbus-daemon`, `dialogue watch`, one-shot tools.
///
/// Foundation's `Process` learns that a child ended when a socket the child inherited closes, and
/// its one reaper thread then waits for that child, blocking. A child that closes inherited
/// descriptors, or one spawned while another test marks every descriptor close-on-exec, looks
/// ended while it still runs: the reaper blocks for the child's whole life and no other `Process`
/// of the test run is seen to end. The child here inherits nothing but its standard streams (an
/// inherited listening socket of an in-process test server would also keep that port bound after
/// the server stopped), and nothing in the test process waits on it but ``stop(signal:timeout:)``.
public final class ChildProcess: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    public let pid: pid_t
    /// The exit status once reaped (128 + the signal for a killed child).
    private let status = Mutex<Int32?>(nil)

    /// Starts `executable ARGUMENTS` (looked up in `PATH` when the name has no slash) with
    /// `environment` added to this process's. Standard input is read from the file `stdin`;
    /// standard output and error go to the files given (the same file for both is shared), created
    /// or truncated, or appended to with `appending` (a log kept across restarts); `/dev/null` for
    /// any not given.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        stdout: String? = nil, stderr: String? = nil, appending: Bool = false
    ) throws {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var variables: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in variables { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let writeFlags = O_WRONLY | O_CREAT | (appending ? O_APPEND : O_TRUNC)
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", writeFlags, 0o600)
        if let stderr, stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", writeFlags, 0o600)
        }
        // Closed in the child only: the test process's descriptors are left alone (no race with
        // other tests spawning at the same moment).
        guard let closeFrom = Self.closeFrom else { throw Failure(description: "no posix_spawn closefrom") }
        _ = closeFrom(&actions, 3)
        // The test runner may block or ignore signals; the child starts with the defaults, so
        // SIGTERM and SIGINT really ask it to end.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let result =
            executable.contains("/")
            ? posix_spawn(&child, executable, &actions, &attributes, &argv, &variables)
            : posix_spawnp(&child, executable, &actions, &attributes, &argv, &variables)
        guard result == 0 else { throw Failure(description: "posix_spawn \(executable) failed: \(result)") }
        pid = child
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which the Glibc module
    /// does not import (it is a GNU extension).
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

    /// Whether it still runs (reaping it when it ended).
    public var isRunning: Bool { reap() == nil }

    /// The exit status once it ended, or `nil` while it runs.
    public var exitStatus: Int32? { reap() }

    /// Sends `signal` unless it already ended.
    public func signal(_ signal: Int32) {
        if isRunning { Glibc.kill(pid, signal) }
    }

    /// Waits (polling, up to `timeout`) for it to end; its exit status, or `nil` when it still runs.
    public func waitForExit(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = reap() { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        return reap()
    }

    /// Asks it to end (`signal`), waits up to `timeout`, then kills it; always reaps it.
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(10)) {
        guard isRunning else { return }
        Glibc.kill(pid, signal)
        let deadline = ContinuousClock.now + timeout
        while isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        guard isRunning else { return }
        Glibc.kill(pid, SIGKILL)
        var raw: Int32 = 0
        if waitpid(pid, &raw, 0) == pid { record(raw) }
    }

    deinit {
        stop(signal: SIGKILL)
    }

    /// The status, reaping the child if it ended since the last look.
    private func reap() -> Int32? {
        if let known = status.withLock({ $0 }) { return known }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
        return record(raw)
    }

    @discardableResult
    private func record(_ raw: Int32) -> Int32 {
        let code = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        status.withLock { $0 = code }
        return code
    }
}
