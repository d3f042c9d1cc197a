import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with non-blocking `waitpid`, for
/// programs that close inherited descriptors (Foundation's `Process` mistakes that for an exit).
final class SpawnedProcess: @unchecked Sendable {
    struct Failure: Error {}

    /// Set once in `init`.
    let pid: pid_t
    /// Guarded by being touched only from the test's own task.
    private var exited = false

    /// - Parameter standardError: a file to append the child's standard error to (its log), or
    ///   `/dev/null`.
    init(_ arguments: [String], standardError: String = "/dev/null") throws {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        // Nothing else of the test process leaks into the child: an inherited listening socket of
        // an in-process test server would keep its port bound after that server stopped.
        Self.markDescriptorsCloseOnExec()
        // The test runner may block or ignore signals; the child starts with the defaults, so
        // SIGTERM really asks it to shut down.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        guard posix_spawn(&child, arguments[0], &actions, &attributes, &argv, environ) == 0 else { throw Failure() }
        pid = child
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

    func kill(_ signal: Int32) {
        guard !exited else { return }
        Glibc.kill(pid, signal)
    }

    /// The exit status, or `nil` when the process is still running after `seconds`.
    func waitForExit(seconds: Double) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    deinit {
        if !exited {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}
