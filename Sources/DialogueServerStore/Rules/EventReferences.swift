import DialogueProtocol

/// The bodies a page of logged events names by id (the log keeps references only, so a later
/// edit or delete leaves no stale copy): each store loads them in its own queries, and the page
/// is filled here the same way for both.
struct EventReferences: Sendable {
    let messageIds: [String]
    let reactionIds: [String]
    /// Only `user.updated` carries a user's profile; other events name a user without one.
    let userIds: [String]

    init(of events: [SyncEvent]) {
        messageIds = Array(Set(events.compactMap(\.data.messageId)))
        reactionIds = Array(Set(events.compactMap(\.data.reactionId)))
        userIds = Array(Set(events.filter { $0.type == .userUpdated }.compactMap(\.data.userId)))
    }

    /// `events` with their current bodies; one gone since (a deleted reaction, say) stays `nil`.
    func fill(_ events: [SyncEvent], messages: [Message], reactions: [Reaction], users: [User]) -> [SyncEvent] {
        let messages = Dictionary(messages.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        let reactions = Dictionary(reactions.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        let users = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        return events.map { event in
            var event = event
            if let id = event.data.messageId { event.data.message = messages[id] }
            if let id = event.data.reactionId { event.data.reaction = reactions[id] }
            if event.type == .userUpdated, let id = event.data.userId { event.data.user = users[id] }
            return event
        }
    }
}
