import ArgumentParser
import DialogueRPC

/// `dialogue unmute CHAT`: `conversations.setMuted` with `muted: false`.
struct UnmuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmute", abstract: "Turn desktop notifications for a conversation back on.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: "A conversation id, a group name, or a person's e-mail or name.", completion: .custom(Completions.chats))
    var chat: String

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: chat)
            try await session.run(ConversationsSetMutedRequest(conversationId: conversationID, muted: false)) {
                _ in "Unmuted."
            }
        }
    }
}
