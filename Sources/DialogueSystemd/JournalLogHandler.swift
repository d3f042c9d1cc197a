import CSystemd
import Foundation
import Logging

/// A swift-log handler that writes structured entries to the systemd journal: MESSAGE, PRIORITY,
/// CODE_FILE/LINE/FUNC, SYSLOG_IDENTIFIER, and each metadata key as an upper-case field (so
/// `journalctl --user -u dialogued DIALOGUE_CONVERSATION=…` filters by conversation).
///
/// Callers never put secrets or message text in log messages or metadata; this handler writes
/// what it is given.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public let identifier: String

    public init(identifier: String) { self.identifier = identifier }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let entries = Self.fields(
            identifier: identifier,
            level: event.level,
            message: "\(event.message)",
            metadata: merged,
            file: event.file,
            function: event.function,
            line: event.line
        )
        var buffers = entries.map { Array($0.utf8) }
        var vectors: [iovec] = []
        vectors.reserveCapacity(buffers.count)
        for index in buffers.indices {
            buffers[index].withUnsafeMutableBytes { raw in
                vectors.append(iovec(iov_base: raw.baseAddress, iov_len: raw.count))
            }
        }
        // The pointers stay valid: `buffers` is not touched again until the call returns.
        _ = vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        withExtendedLifetime(buffers) {}
    }

    /// The journal fields of one entry (pure, so tests can check them without a journal).
    public static func fields(
        identifier: String,
        level: Logger.Level,
        message: String,
        metadata: Logger.Metadata,
        file: String,
        function: String,
        line: UInt
    ) -> [String] {
        var fields = [
            "MESSAGE=\(message)",
            "PRIORITY=\(priority(of: level))",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "CODE_FILE=\(file)",
            "CODE_LINE=\(line)",
            "CODE_FUNC=\(function)",
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append("\(fieldName(key))=\(value)")
        }
        return fields
    }

    /// syslog priorities: emerg 0 … debug 7.
    public static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// Journal field names are upper-case letters, digits and underscores, not starting with
    /// an underscore (reserved for trusted fields); ours carry a `DIALOGUE_` prefix.
    public static func fieldName(_ key: String) -> String {
        let cleaned = key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return "DIALOGUE_" + String(cleaned).trimmingCharacters(in: CharacterSet(charactersIn: "_"))
    }
}
