import ArgumentParser
import DialogueRPC

/// `dialogue read CHAT [--up-to ID]`: `conversations.markRead`.
struct ReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Mark a conversation's messages seen (up to the newest by default).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: "A conversation id, a group name, or a person's e-mail or name.", completion: .custom(Completions.chats))
    var chat: String

    @Option(name: .customLong("up-to"), help: ArgumentHelp("Only up to this message id.", valueName: "id"))
    var upTo: String?

    func run() async throws {
        try await Session.with(global) { session in
            let request = ConversationsMarkReadRequest(
                conversationId: try await session.conversationID(for: chat), upTo: upTo)
            try await session.run(request) { _ in "Marked read." }
        }
    }
}
