import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `dialogued` under systemd's protocols, with systemd's own tool for socket activation
/// (`systemd-socket-activate`) and a datagram socket standing in for `$NOTIFY_SOCKET`.
@Suite("dialogued under systemd")
struct SystemdIntegrationTests {
    /// Receives sd_notify datagrams.
    final class NotifySocket: @unchecked Sendable {
        let path: String
        /// Set once in `init`; only read afterwards.
        let descriptor: Int32

        init(path: String) throws {
            self.path = path
            descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        }

        /// Datagrams received until `deadline` or until `done` says enough.
        /// Polls without blocking, so the wait holds none of the cooperative pool's threads.
        func collect(for seconds: Double, until done: ([String]) -> Bool) async throws -> [String] {
            var messages: [String] = []
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline && !done(messages) {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if count > 0 {
                    messages.append(String(decoding: buffer[..<count], as: UTF8.self))
                } else {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            return messages
        }

        deinit {
            close(descriptor)
            unlink(path)
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-socket-activate")))
    func socketActivationReadinessStatusAndWatchdog() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let socketPath = directory.url.appendingPathComponent("run/activated.sock").path
        let notify = try NotifySocket(path: directory.url.appendingPathComponent("notify").path)
        var arguments = ["--listen=\(socketPath)", "--fdname=rpc"]
        let environment = directory.environment.merging([
            "NOTIFY_SOCKET": notify.path,
            "WATCHDOG_USEC": "1000000",
        ]) { $1 }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments.append("--setenv=\(key)=\(value)") }
        arguments.append(try BuiltProgram.path("dialogued"))
        // posix_spawn, not Foundation's Process: systemd-socket-activate closes every inherited
        // descriptor, which Foundation takes for the child's exit and then blocks in waitpid,
        // stalling every other Process in the test run.
        let launcher = try ChildProcess("/usr/bin/systemd-socket-activate", arguments)
        defer { launcher.stop(signal: SIGKILL) }
        // The launcher listens first; the daemon starts on the first connection and adopts fd 3.
        var status: JSONValue?
        for _ in 0..<100 where status == nil {
            status = try? await Self.withTimeout(seconds: 5) {
                try await RPCClient.withConnection(socketPath: socketPath) { client in
                    try await client.call("daemon.status", params: nil)
                }
            }
            if status == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(status?["locked"] == .bool(true))
        // The daemon serves on the adopted socket; it did not create its own.
        #expect(
            !FileManager.default.fileExists(
                atPath: directory.url.appendingPathComponent("run/dialogue/dialogued.sock").path))

        let messages = try await notify.collect(for: 5) { received in received.contains("WATCHDOG=1") }
        #expect(messages.first?.hasPrefix("READY=1\nSTATUS=locked") == true, "\(messages)")
        #expect(messages.contains("WATCHDOG=1"))

        launcher.signal(SIGTERM)
        let stopping = try await notify.collect(for: 5) { $0.contains("STOPPING=1") }
        #expect(stopping.contains("STOPPING=1"))
        let exitStatus = try await launcher.waitForExit(timeout: .seconds(10))
        #expect(exitStatus == 0, "dialogued did not exit cleanly after SIGTERM")
    }

    /// Runs `body`, giving up after `seconds` so a stuck peer cannot hang the suite.
    static func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                throw CancellationError()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
