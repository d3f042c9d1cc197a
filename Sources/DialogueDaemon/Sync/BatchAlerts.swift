import DialogueStore

/// The desktop alerts a batch of synced messages raises: one per conversation, for its newest
/// message, with how many it stands for. A backlog of a hundred messages is one notification,
/// not a hundred.
struct BatchAlerts: Sendable {
    struct Alert: Sendable, Equatable {
        var newest: CachedMessage
        var count: Int
    }

    private var byConversation: [String: Alert] = [:]

    mutating func add(_ message: CachedMessage) {
        var alert = byConversation[message.conversationId] ?? Alert(newest: message, count: 0)
        alert.count += 1
        if message.createdAt >= alert.newest.createdAt { alert.newest = message }
        byConversation[message.conversationId] = alert
    }

    /// The alerts, oldest conversation activity first (the newest notification shows on top).
    var alerts: [Alert] { byConversation.values.sorted { $0.newest.createdAt < $1.newest.createdAt } }
}
