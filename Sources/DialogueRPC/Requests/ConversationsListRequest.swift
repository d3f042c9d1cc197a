/// `conversations.list`: List conversations from the cache (works offline).
package struct ConversationsListRequest: LocalRequest {
    package typealias Response = [ConversationView]
    package static let method = "conversations.list"
    package static let summary = "List conversations from the cache (works offline)."
    /// Checked by the daemon (an unknown value answers `invalid_input`), so decoded as strings.
    package static let enumeratedParams: [String: [String]] = ["filter": ["all", "direct", "groups", "unread"]]

    package var filter: String?

    package init(filter: String? = nil) {
        self.filter = filter
    }
}
