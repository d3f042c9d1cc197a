import DialogueStore

/// Unread message ids per conversation and the newest message of each, kept in memory so the
/// conversation list never decrypts the whole cache. Fed every message the session stores.
struct MessageTally: Sendable {
    let me: String
    private var unreadIds: [String: Set<String>] = [:]
    /// The newest message of each conversation.
    private(set) var newest: [String: CachedMessage] = [:]

    init(me: String) { self.me = me }

    /// Counts a stored message: unread while someone else's is neither seen nor deleted; the
    /// newest unless an older one was edited.
    mutating func note(_ message: CachedMessage) {
        let id = message.conversationId
        if message.senderId != me, !message.seen, !message.deleted {
            unreadIds[id, default: []].insert(message.id)
        } else {
            unreadIds[id]?.remove(message.id)
        }
        if let last = newest[id], last.createdAt > message.createdAt, last.id != message.id { return }
        newest[id] = message
    }

    func unread(in conversationId: String) -> Int { unreadIds[conversationId]?.count ?? 0 }

    func unreadIds(in conversationId: String) -> Set<String> { unreadIds[conversationId] ?? [] }

    mutating func forget(_ conversationId: String) {
        unreadIds[conversationId] = nil
        newest[conversationId] = nil
    }
}
