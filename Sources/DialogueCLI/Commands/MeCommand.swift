import ArgumentParser
import DialogueRPC

/// `dialogue me`: `account.me`.
struct MeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "me", abstract: "Show the signed-in account.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(AccountMeRequest()) { session.plainFormatter.account($0) }
        }
    }
}
