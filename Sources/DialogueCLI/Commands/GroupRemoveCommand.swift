import ArgumentParser
import DialogueRPC

/// `dialogue group remove GROUP USER`: `conversations.removeMember`.
struct GroupRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a person from a group.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The group's id or name.", completion: .custom(Completions.chats))
    var group: String

    @Argument(help: "The person: a user id, e-mail or name.", completion: .custom(Completions.users))
    var member: String

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: group)
            let memberID = try await session.userID(for: member)
            try await session.run(ConversationsRemoveMemberRequest(conversationId: conversationID, memberId: memberID))
            { _ in "Removed." }
        }
    }
}
