import ArgumentParser
import DialogueRPC

/// `dialogue react ID EMOJI`: `messages.react`, which toggles.
struct ReactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "react", abstract: "Toggle an emoji reaction on a message.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The message id.")
    var id: String

    @Argument(help: "The emoji, e.g. 👍.")
    var emoji: String

    func validate() throws {
        if emoji.isEmpty { throw ValidationError("EMOJI must not be empty.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let result = try await session.result(of: MessagesReactRequest(messageId: id, emoji: emoji))
            let formatter = await session.formatter(withPeople: true)
            try session.emit(result, as: MessagesReactRequest.self) { formatter.message($0) }
        }
    }
}
