import ArgumentParser
import DialogueRPC

/// `dialogue chats [--filter all|direct|groups|unread]`: `conversations.list`.
struct ChatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chats", abstract: "List conversations (works offline).")

    /// The filters `conversations.list` accepts.
    enum Filter: String, ExpressibleByArgument, CaseIterable {
        case all, direct, groups, unread
    }

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(help: "Which conversations to list.")
    var filter: Filter = .all

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(ConversationsListRequest(filter: filter.rawValue)) {
                session.plainFormatter.conversations($0)
            }
        }
    }
}
