import ArgumentParser
import DialogueRPC
import Foundation

/// `dialogue group rename GROUP NAME`: `conversations.update` with a name.
struct GroupRenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a group (admin only).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The group's id or name.", completion: .custom(Completions.chats))
    var group: String

    @Argument(help: "The new name.")
    var name: String

    func validate() throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("NAME must not be empty.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: group)
            try await session.run(ConversationsUpdateRequest(conversationId: conversationID, name: name)) {
                _ in "Renamed to \(name)."
            }
        }
    }
}
