import NIOCore

/// What the line decoder hands up the pipeline: one complete line, or news of one too long to keep.
package enum LineFrame: Sendable, Hashable {
    /// One line without its `\n` (and without a trailing `\r`); never empty or blank.
    case line(ByteBuffer)
    /// A line longer than the limit was dropped up to its newline; the peer gets a -32700 for it.
    case oversized
}
