import DialogueRPC

/// Everything that can happen to the chat: keys, answers, the daemon's events, time passing.
enum ChatEvent: Sendable, Equatable {
    case key(ChatKey)
    case response(ChatRequest.Purpose, Result<JSONValue, ChatFailure>)
    /// A notification from `events.subscribe`, typed.
    case notification(LocalEvent)
    /// A notification of a known event type whose params do not have its shape.
    case unreadableNotification(method: String)
    /// The daemon closed the connection.
    case daemonClosed
}
