import DialogueSystemd
import Foundation
import Logging
import Testing

@Suite("systemd shims", .serialized)
struct SystemdTests {
    /// A datagram socket standing in for systemd's notify socket.
    final class NotifyListener {
        let path: String
        let descriptor: Int32

        init() throws {
            path = "/tmp/dlg-notify-\(UUID().uuidString.prefix(8))"
            descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: Array(path.utf8) + [0])
            }
            let bound = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        func receive() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
        }

        deinit {
            close(descriptor)
            unlink(path)
        }
    }

    @Test func notificationsReachTheNotifySocket() throws {
        let listener = try NotifyListener()
        setenv("NOTIFY_SOCKET", listener.path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        let notifier = SystemdNotifier()
        #expect(notifier.ready(status: "locked\nsecond line"))
        #expect(listener.receive() == "READY=1\nSTATUS=locked second line")
        #expect(notifier.status("online"))
        #expect(listener.receive() == "STATUS=online")
        #expect(notifier.watchdog())
        #expect(listener.receive() == "WATCHDOG=1")
        #expect(notifier.stopping())
        #expect(listener.receive() == "STOPPING=1")
    }

    @Test func withoutSystemdEverythingIsANoOp() {
        unsetenv("NOTIFY_SOCKET")
        let notifier = SystemdNotifier()
        #expect(!notifier.ready(status: "locked"))
        #expect(notifier.watchdogInterval == nil)
        unsetenv("LISTEN_FDS")
        #expect(ListenedSocket.takeFromEnvironment().isEmpty)
    }

    @Test func watchdogIntervalFollowsTheEnvironment() {
        setenv("WATCHDOG_USEC", "4000000", 1)
        setenv("WATCHDOG_PID", "\(getpid())", 1)
        defer {
            unsetenv("WATCHDOG_USEC")
            unsetenv("WATCHDOG_PID")
        }
        #expect(SystemdNotifier().watchdogInterval == .seconds(4))
        setenv("WATCHDOG_PID", "1", 1)
        #expect(SystemdNotifier().watchdogInterval == nil)
    }

    @Test func journalFieldsArePriorityCodeLocationAndMetadata() {
        let fields = JournalLogHandler.fields(
            identifier: "dialogued",
            level: .warning,
            message: "sync failed",
            metadata: ["conversation": "c-1", "retry-in": "4"],
            file: "Sync.swift",
            function: "run()",
            line: 42
        )
        #expect(
            fields == [
                "MESSAGE=sync failed", "PRIORITY=4", "SYSLOG_IDENTIFIER=dialogued", "CODE_FILE=Sync.swift",
                "CODE_LINE=42", "CODE_FUNC=run()", "DIALOGUE_CONVERSATION=c-1", "DIALOGUE_RETRY_IN=4",
            ]
        )
        #expect(Logger.Level.allCases.map(JournalLogHandler.priority(of:)) == [7, 7, 6, 5, 4, 3, 2])
        #expect(JournalLogHandler.fieldName("_secret key") == "DIALOGUE_SECRET_KEY")
    }

    @Test func journalStreamIsRecognisedOnlyForOurStderr() {
        #expect(!SystemdLogging.isJournalStream(environment: [:]))
        #expect(!SystemdLogging.isJournalStream(environment: ["JOURNAL_STREAM": "garbage"]))
        var status = stat()
        fstat(STDERR_FILENO, &status)
        #expect(SystemdLogging.isJournalStream(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"]))
        #expect(
            !SystemdLogging.isJournalStream(environment: ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino + 1)"]))
        // Logging through the journal handler without a journal must not fail or block.
        JournalLogHandler(identifier: "dialogue-test").log(
            event: LogEvent(
                level: .info, message: "hello", metadata: nil, source: "test", file: #fileID, function: #function,
                line: #line)
        )
    }
}
