import ArgumentParser
import DialogueRPC

/// `dialogue reconnect`: `daemon.reconnect`, for when the server is back and waiting is pointless.
struct ReconnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconnect",
        abstract: "Reconnect to the server now instead of waiting for the retry backoff; the outbox goes out.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(DaemonReconnectRequest()) { _ in
                "Reconnecting; `dialogue status` shows the connection."
            }
        }
    }
}
