/// What `messages.search` asks for.
package struct SearchQuery: Hashable, Sendable {
    package enum Scope: String, Hashable, Sendable {
        /// The newest ``SearchQuery/recentWindow`` messages across every conversation, the original
        /// web app's rule (it searched the most recent 1000 client-side).
        case recent
        /// The whole cached history.
        case all
    }

    package static let recentWindow = 1000
    package static let defaultLimit = 50
    package static let maximumLimit = 500

    /// Whitespace-separated terms; a message matches when it contains every term, in any order.
    package var text: String
    package var scope: Scope
    /// Narrows the search to one conversation (for `recent`, within the window across all of them).
    package var conversationId: String?
    /// At most this many hits; values above ``maximumLimit`` are clamped, below 1 rejected.
    package var limit: Int

    package init(
        _ text: String,
        scope: Scope = .recent,
        conversationId: String? = nil,
        limit: Int = SearchQuery.defaultLimit
    ) {
        self.text = text
        self.scope = scope
        self.conversationId = conversationId
        self.limit = limit
    }
}
