import DialogueProtocol
import Foundation

/// The assistant conversation, sealed in the cache under `bot.history`: the last 15 turns, the
/// window the original client kept and sent as context with each question.
///
/// A question is kept as soon as it is asked; an answer only once it is complete. A failed or
/// cancelled answer leaves the question unanswered in the history (and in the next context), so
/// a retry never loses what was asked and a half answer is never taken for a whole one.
struct AssistantHistory: Codable, Equatable, Sendable {
    static let metaKey = "bot.history"
    /// Turns kept and sent as context.
    static let window = 15
    /// Longest text sent for one turn of context (the server's own per-message ceiling), so one
    /// long answer cannot make every later question fail.
    static let maximumContextCharacters = 16_000

    /// The account the conversation belongs to (`nil` for a direct-mode daemon with no account),
    /// so a different account signed in on the same data directory starts empty.
    var owner: String?
    var turns: [AssistantTurn] = []

    /// Appends `turn`, dropping the oldest beyond the window.
    mutating func append(_ turn: AssistantTurn) {
        turns.append(turn)
        if turns.count > Self.window { turns.removeFirst(turns.count - Self.window) }
    }

    /// The turns as the chat-completions context, oldest first.
    var context: [AssistantMessage] {
        turns.map {
            AssistantMessage(role: $0.role.rawValue, content: String($0.text.prefix(Self.maximumContextCharacters)))
        }
    }
}
