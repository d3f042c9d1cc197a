import ArgumentParser
import DialogueRPC

/// `dialogue history CHAT [--before ID] [--limit N]`: `messages.list`, newest last.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a conversation's messages, newest last (works offline).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: "A conversation id, a group name, or a person's e-mail or name.", completion: .custom(Completions.chats))
    var chat: String

    @Option(help: ArgumentHelp("Only messages older than this message id.", valueName: "id"))
    var before: String?

    @Option(help: "How many messages at most.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: chat)
            let request = MessagesListRequest(conversationId: conversationID, before: before, limit: limit)
            let result = try await session.result(of: request)
            let formatter = await session.formatter(withPeople: true)
            try session.emit(result, as: MessagesListRequest.self) { formatter.messages($0) }
        }
    }
}
