import ArgumentParser
import DialogueRPC

/// `dialogue bot history`: `bot.history`.
struct BotHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the assistant conversation kept on this machine.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(BotHistoryRequest()) { session.plainFormatter.botHistory($0) }
        }
    }
}
