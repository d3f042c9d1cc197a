import ArgumentParser
import DialogueRPC

/// `dialogue bot clear`: `bot.clear`.
struct BotClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear", abstract: "Forget the assistant conversation.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(BotClearRequest()) { _ in "Forgotten." }
        }
    }
}
