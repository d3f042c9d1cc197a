import ArgumentParser
import DialogueRPC

/// `dialogue mute CHAT`: `conversations.setMuted` with `muted: true`.
struct MuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mute", abstract: "Mute desktop notifications for a conversation.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: "A conversation id, a group name, or a person's e-mail or name.", completion: .custom(Completions.chats))
    var chat: String

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: chat)
            try await session.run(ConversationsSetMutedRequest(conversationId: conversationID, muted: true)) {
                _ in "Muted."
            }
        }
    }
}
