/// `messages.list`: A newest-last page of messages from the cache (works offline).
package struct MessagesListRequest: LocalRequest {
    package typealias Response = [MessageView]
    package static let method = "messages.list"
    package static let summary = "A newest-last page of messages from the cache (works offline)."

    package var conversationId: String
    package var before: String?
    package var limit: Int?

    package init(conversationId: String, before: String? = nil, limit: Int? = nil) {
        self.conversationId = conversationId
        self.before = before
        self.limit = limit
    }
}
