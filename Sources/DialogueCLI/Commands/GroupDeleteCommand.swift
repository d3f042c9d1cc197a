import ArgumentParser
import DialogueRPC

/// `dialogue group delete GROUP`: `conversations.delete`.
struct GroupDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a group for everyone (admin only).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The group's id or name.", completion: .custom(Completions.chats))
    var group: String

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: group)
            try await session.run(ConversationsDeleteRequest(conversationId: conversationID)) { _ in
                "Deleted the group."
            }
        }
    }
}
