import ArgumentParser
import DialogueRPC

/// `dialogue open USER`: `conversations.open`, the direct chat with a person.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open (create if needed) the direct conversation with a person.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "A user id, e-mail or name.", completion: .custom(Completions.users))
    var user: String

    func run() async throws {
        try await Session.with(global) { session in
            let userID = try await session.userID(for: user)
            try await session.run(ConversationsOpenRequest(userId: userID)) { conversation in
                "Chat with \(session.style.ink(conversation.name)): \(session.style.muted(conversation.id))"
            }
        }
    }
}
