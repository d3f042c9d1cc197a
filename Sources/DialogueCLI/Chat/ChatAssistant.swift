/// The assistant panel: the conversation with Dialogue Bot, its input, and the answer streaming in.
struct ChatAssistant: Sendable, Equatable {
    /// One prompt or answer.
    struct Turn: Sendable, Equatable {
        var fromUser: Bool
        var text: String
        var failed = false
    }

    /// The original's quick starter chips, as numbered prompts.
    static let starters = [
        "How does end-to-end encryption keep my messages private?",
        "How do I create a group and add people to it?",
        "What can I do in Dialogue from the terminal?",
    ]

    var turns: [Turn] = []
    var input = ChatComposer()
    /// A `bot.ask` is on its way and its request id is not known yet.
    var awaitingRequestID = false
    /// The answer streaming now.
    var requestID: String?
    /// Tokens that arrived before `bot.ask` answered with their request id.
    var earlyTokens: [String: String] = [:]
    /// Finished answers whose `bot.done` came before their request id.
    var earlyDone: [String: String?] = [:]
    var historyRequested = false

    /// Whether an answer is being written.
    var isAnswering: Bool { awaitingRequestID || requestID != nil }
}
