/// One message that matched, newest first in a result list.
package struct SearchHit: Hashable, Sendable {
    package var messageId: String
    package var conversationId: String
    /// Where the terms occur in the message text, as sorted, non-overlapping half-open ranges
    /// `[start, end)` of Unicode scalar (code point) offsets, not `Character`s or UTF-16 units, so
    /// every front end can map them without Swift's grapheme rules. Every occurrence of every term
    /// is covered; overlapping or touching occurrences merge. A range that ends on a letter also covers the
    /// combining marks that follow it, so "cafe" in "cafe\u{301}" highlights all five scalars.
    package var highlights: [Range<Int>]

    package init(messageId: String, conversationId: String, highlights: [Range<Int>]) {
        self.messageId = messageId
        self.conversationId = conversationId
        self.highlights = highlights
    }
}
