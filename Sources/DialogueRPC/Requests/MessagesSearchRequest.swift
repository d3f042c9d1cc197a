/// `messages.search`: Search recent (newest 1000) or all cached messages (works offline).
package struct MessagesSearchRequest: LocalRequest {
    package typealias Response = [SearchResultView]
    package static let method = "messages.search"
    package static let summary = "Search recent (newest 1000) or all cached messages (works offline)."
    /// Checked by the daemon (an unknown value answers `invalid_input`), so decoded as strings.
    package static let enumeratedParams: [String: [String]] = ["scope": ["recent", "all"]]

    package var query: String
    package var scope: String?
    package var conversationId: String?
    package var limit: Int?

    package init(query: String, scope: String? = nil, conversationId: String? = nil, limit: Int? = nil) {
        self.query = query
        self.scope = scope
        self.conversationId = conversationId
        self.limit = limit
    }
}
