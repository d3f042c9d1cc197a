import ArgumentParser

/// `dialogue bot ask|history|clear`: the assistant (`bot.*`).
struct BotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bot", abstract: "Talk to the Dialogue assistant.",
        subcommands: [BotAskCommand.self, BotHistoryCommand.self, BotClearCommand.self])
}
