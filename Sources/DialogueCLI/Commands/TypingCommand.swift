import ArgumentParser
import DialogueRPC

/// `dialogue typing CHAT on|off`: `typing.update`, for scripts and bots that want to look alive.
struct TypingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "typing", abstract: "Tell a conversation you are typing, or that you stopped.")

    /// The two states `typing.update` knows.
    enum State: String, ExpressibleByArgument, CaseIterable {
        case on, off
    }

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: "A conversation id, a group name, or a person's e-mail or name.", completion: .custom(Completions.chats))
    var chat: String

    @Argument(help: "on or off.")
    var state: State

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: chat)
            try await session.run(TypingUpdateRequest(conversationId: conversationID, typing: state == .on)) { _ in "" }
        }
    }
}
