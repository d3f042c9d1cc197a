import DialogueRPC

/// What the model asks the loop to do after an event; the model itself never does I/O.
enum ChatEffect: Sendable, Equatable {
    /// Call the daemon; the answer comes back as ``ChatEvent/response(_:_:)``.
    case call(ChatRequest)
    /// Send a JSON-RPC notification nobody answers (`typing.update`).
    case notify(method: String, params: JSONValue)
    /// Leave the chat.
    case quit
}
