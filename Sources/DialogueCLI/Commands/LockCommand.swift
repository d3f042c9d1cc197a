import ArgumentParser
import DialogueRPC

/// `dialogue lock`: `daemon.lock`, wiping keys from the daemon's memory.
struct LockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Lock the key store: keys and decrypted indexes leave memory.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(DaemonLockRequest()) { _ in "Locked." }
        }
    }
}
