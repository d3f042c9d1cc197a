import ArgumentParser
import DialogueRPC

/// `dialogue delete ID`: `messages.delete`, a soft delete that keeps the record for replies.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete one of your messages (its content is wiped for everyone).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The message id.")
    var id: String

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(MessagesDeleteRequest(messageId: id)) { _ in "Deleted." }
        }
    }
}
