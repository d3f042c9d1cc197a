import ArgumentParser

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
            let result = try await session.call("messages.edit", ["messageId": .string(id), "text": .string(text)])
            let formatter = await session.formatter(withPeople: true)
            session.emit(result) { formatter.message($0) }
        }
    }
}
