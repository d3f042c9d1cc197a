import ArgumentParser
import DialogueRPC

/// `dialogue group add GROUP USER...`: `conversations.addMembers`.
struct GroupAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add people to a group.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The group's id or name.", completion: .custom(Completions.chats))
    var group: String

    @Argument(help: "People to add: user ids, e-mails or names.", completion: .custom(Completions.users))
    var members: [String]

    func validate() throws {
        if members.isEmpty { throw ValidationError("Name at least one person to add.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: group)
            var memberIDs: [String] = []
            for member in members { memberIDs.append(try await session.userID(for: member)) }
            try await session.run(ConversationsAddMembersRequest(conversationId: conversationID, memberIds: memberIDs))
            { _ in "Added \(members.count == 1 ? "1 person" : "\(members.count) people")." }
        }
    }
}
