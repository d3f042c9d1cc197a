/// What the chat is doing besides showing conversations; a mode takes keys before the focus does.
enum ChatMode: Sendable, Equatable {
    case normal
    /// The composer's text will be sent as a reply to this message.
    case reply(messageID: String)
    /// The composer holds this own message's text; Enter saves the edit.
    case edit(messageID: String)
    /// The quick-reaction picker for a message, with the highlighted choice.
    case react(messageID: String, choice: Int)
    /// Waiting for y to delete this own message.
    case confirmDelete(messageID: String)
    /// The search prompt and its results.
    case search(ChatSearch)
    /// The assistant panel is open and has the keys.
    case assistant
}
