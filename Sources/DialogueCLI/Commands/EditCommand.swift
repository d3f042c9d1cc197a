import ArgumentParser
import DialogueRPC

/// `dialogue edit ID TEXT`: `messages.edit` (own text messages, within 15 minutes).
struct EditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Edit the text of one of your messages (within 15 minutes of sending).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The message id.")
    var id: String

    @Argument(help: "The new text.")
    var text: String

    func validate() throws {
        if text.isEmpty { throw ValidationError("The new TEXT must not be empty.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let result = try await session.result(of: MessagesEditRequest(messageId: id, text: text))
            let formatter = await session.formatter(withPeople: true)
            try session.emit(result, as: MessagesEditRequest.self) { formatter.message($0) }
        }
    }
}
