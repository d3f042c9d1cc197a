import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawnp` and reaped with non-blocking `waitpid` (Foundation's
/// `Process` can hang when a child closes inherited descriptors). Its stdout is a pipe the test
/// reads without blocking the cooperative pool.
final class SpawnedProcess: @unchecked Sendable {
    struct Failure: Error {}

    /// Set once in `init`.
    let pid: pid_t
    /// The read end of the child's stdout (non-blocking).
    private let output: Int32
    /// Guarded by being touched only from the test's own task.
    private var exited = false
    private var buffered: [UInt8] = []

    init(_ arguments: [String]) throws {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Failure() }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Start the child with no blocked signals and default dispositions: the test runner's
        // threads may block SIGTERM, and a spawned process would otherwise inherit that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let spawned = posix_spawnp(&child, arguments[0], &actions, &attributes, &argv, environ)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            throw Failure()
        }
        _ = fcntl(pipeEnds[0], F_SETFL, O_NONBLOCK)
        output = pipeEnds[0]
        pid = child
    }

    /// The next line of stdout, or `nil` when the process closes stdout or `seconds` pass first.
    func readLine(seconds: Double) async throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                defer { buffered.removeSubrange(...newline) }
                return String(decoding: buffered[..<newline], as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(output, &chunk, chunk.count)
            if count > 0 {
                buffered += chunk[..<count]
            } else if count == 0 {
                return nil
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        return nil
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
        close(output)
        if !exited {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}
