import ArgumentParser
import DialogueRPC

/// `dialogue group leave GROUP`: `conversations.leave`.
struct GroupLeaveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leave", abstract: "Leave a group.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The group's id or name.", completion: .custom(Completions.chats))
    var group: String

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: group)
            try await session.run(ConversationsLeaveRequest(conversationId: conversationID)) { _ in
                "Left the group."
            }
        }
    }
}
