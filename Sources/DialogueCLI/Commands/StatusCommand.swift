import ArgumentParser
import DialogueRPC

/// `dialogue status`: `daemon.status`, the first thing to run when something seems wrong.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the daemon's lock state, account, connection, outbox and cache.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(DaemonStatusRequest()) { session.plainFormatter.status($0) }
        }
    }
}
