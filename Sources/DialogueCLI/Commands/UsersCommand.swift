import ArgumentParser
import DialogueRPC

/// `dialogue users [QUERY]`: `users.list`.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "List people, with presence and unread counts.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "Only people whose name matches.")
    var query: String?

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(UsersListRequest(query: query)) { session.plainFormatter.users($0) }
        }
    }
}
