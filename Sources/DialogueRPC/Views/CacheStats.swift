/// What the daemon's cache holds, in `daemon.status`.
package struct CacheStats: Codable, Sendable, Equatable {
    package var messages: Int
    package var conversations: Int
    /// The cache's size on disk (database, write-ahead log and attachments).
    package var bytes: Int

    package init(messages: Int, conversations: Int, bytes: Int) {
        self.messages = messages
        self.conversations = conversations
        self.bytes = bytes
    }
}
