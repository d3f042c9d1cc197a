import Foundation
import Logging

/// Chooses where logs go: the journal when systemd connected stderr to it (`JOURNAL_STREAM`),
/// plain stderr otherwise.
public enum SystemdLogging {
    /// Whether this process's stderr is the journal stream systemd set up.
    public static func isJournalStream(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// A handler factory for `LoggingSystem.bootstrap`.
    public static func handler(identifier: String) -> @Sendable (String) -> any LogHandler {
        let journal = isJournalStream()
        return { label in
            journal ? JournalLogHandler(identifier: identifier) : StreamLogHandler.standardError(label: label)
        }
    }
}
