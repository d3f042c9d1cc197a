import DialogueRPC

/// Everything that can happen to the chat: keys, answers, the daemon's events, time passing.
enum ChatEvent: Sendable, Equatable {
    case key(ChatKey)
    case response(ChatRequest.Purpose, Result<JSONValue, ChatFailure>)
    /// A notification from `events.subscribe`: its method is the event type.
    case notification(method: String, params: JSONValue)
    /// The daemon closed the connection.
    case daemonClosed
}
