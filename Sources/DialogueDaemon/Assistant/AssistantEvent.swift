/// What an answer streams to the front end that asked: `bot.token`, then one `bot.done`.
enum AssistantEvent: Sendable {
    case token(requestId: String, text: String)
    /// `error` is `nil` for a complete answer.
    case done(requestId: String, error: String?)
}
