/// One `messages.search` hit: the message and where the query matched its text.
package struct SearchResultView: Codable, Sendable, Equatable {
    package var message: MessageView
    /// `[start, end)` offsets in characters of `message.text`.
    package var highlights: [[Int]]

    package init(message: MessageView, highlights: [[Int]]) {
        self.message = message
        self.highlights = highlights
    }
}
