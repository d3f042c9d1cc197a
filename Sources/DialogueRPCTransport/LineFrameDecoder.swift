import NIOCore

/// Splits a byte stream into `\n`-terminated lines, never buffering more than a bounded amount.
///
/// A line longer than ``maximumLineLength`` is reported once as ``LineFrame/oversized`` and then
/// discarded up to its newline, so one absurd message costs at most the limit in memory and the
/// connection stays usable for the next line. Blank lines are skipped (people type them in `socat`).
///
/// The decoder remembers how far it has already searched for a newline, so a long line arriving in
/// many small reads is scanned once, not once per read.
package struct LineFrameDecoder: NIOSingleStepByteToMessageDecoder {
    package typealias InboundOut = LineFrame

    /// The default limit from `spec/rpc.md`: 16 MiB.
    package static let defaultMaximumLineLength = 16 * 1024 * 1024

    /// The longest line accepted, in bytes, without its newline.
    package let maximumLineLength: Int
    /// Bytes at the front of the buffer already known to contain no newline.
    private var scanned = 0
    /// Whether the current line was already reported as oversized and is being dropped.
    private var discarding = false

    package init(maximumLineLength: Int = LineFrameDecoder.defaultMaximumLineLength) {
        precondition(maximumLineLength > 0, "maximumLineLength must be positive")
        self.maximumLineLength = maximumLineLength
    }

    package mutating func decode(buffer: inout ByteBuffer) throws -> LineFrame? {
        while true {
            let view = buffer.readableBytesView
            let searchStart = view.index(view.startIndex, offsetBy: self.scanned)
            guard let newline = view[searchStart...].firstIndex(of: UInt8(ascii: "\n")) else {
                return self.noNewline(in: &buffer)
            }
            let length = newline - view.startIndex
            self.scanned = 0
            if self.discarding {
                self.discarding = false
                buffer.moveReaderIndex(forwardBy: length + 1)
                continue
            }
            if length > self.maximumLineLength {
                buffer.moveReaderIndex(forwardBy: length + 1)
                return .oversized
            }
            guard let line = buffer.readSlice(length: length) else { return nil }
            buffer.moveReaderIndex(forwardBy: 1)
            if let frame = Self.frame(line) {
                return frame
            }
        }
    }

    package mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> LineFrame? {
        if let frame = try self.decode(buffer: &buffer) {
            return frame
        }
        // A last line without its newline still counts: `printf '{...}' | socat` sends one.
        let discarding = self.discarding
        self.discarding = false
        self.scanned = 0
        guard let rest = buffer.readSlice(length: buffer.readableBytes), !discarding else { return nil }
        return Self.frame(rest)
    }

    private mutating func noNewline(in buffer: inout ByteBuffer) -> LineFrame? {
        if self.discarding {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            self.scanned = 0
            return nil
        }
        if buffer.readableBytes > self.maximumLineLength {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            self.scanned = 0
            self.discarding = true
            return .oversized
        }
        self.scanned = buffer.readableBytes
        return nil
    }

    /// Drops a trailing `\r` and skips blank lines.
    private static func frame(_ line: ByteBuffer) -> LineFrame? {
        var line = line
        if line.readableBytesView.last == UInt8(ascii: "\r") {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        let blank = line.readableBytesView.allSatisfy { byte in
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }
        return blank ? nil : .line(line)
    }
}
