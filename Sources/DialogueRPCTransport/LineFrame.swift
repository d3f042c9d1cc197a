import DialogueRPC
import NIOCore

/// What the line decoder hands up the pipeline: one complete line, or news of one too long to keep;
/// and, further up, a line already parsed.
package enum LineFrame: Sendable, Hashable {
    /// One line without its `\n` (and without a trailing `\r`); never empty or blank.
    case line(ByteBuffer)
    /// A line longer than the limit was dropped up to its newline; the peer gets a -32700 for it.
    case oversized
    /// A line already parsed (by ``ImmediateAnswerHandler``, which could not answer it itself).
    case parsed(JSONValue)
}
