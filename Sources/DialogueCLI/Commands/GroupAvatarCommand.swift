import ArgumentParser
import DialogueRPC

/// `dialogue group avatar GROUP PATH`: `conversations.update` with an avatar.
struct GroupAvatarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avatar", abstract: "Change a group's avatar (admin only).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The group's id or name.", completion: .custom(Completions.chats))
    var group: String

    @Argument(help: "An image file.", completion: .file())
    var path: String

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: group)
            let request = ConversationsUpdateRequest(
                conversationId: conversationID, avatarPath: LocalPath.absolute(path))
            try await session.run(request) { group in
                // The daemon's decrypted copy, for opening from the terminal.
                guard let url = group.avatarUrl else { return "Avatar changed." }
                return "Avatar changed.\n" + session.style.muted("Avatar " + url)
            }
        }
    }
}
