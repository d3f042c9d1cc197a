/// The `conversations.markRead` result: what is still unread there.
package struct ReadStateView: Codable, Sendable, Equatable {
    package var conversationId: String
    package var unread: Int

    package init(conversationId: String, unread: Int) {
        self.conversationId = conversationId
        self.unread = unread
    }
}
