import ArgumentParser
import DialogueRPC

/// `dialogue unlock`: `daemon.unlock`; the passphrase comes from the terminal or stdin, never argv.
struct UnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Unlock the key store (the first unlock creates it under this passphrase).",
        discussion: """
            The passphrase is read from the terminal without echo or, when standard input is not a \
            terminal, as one line from standard input (for scripts). It is never taken from the command line.
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            // A daemon that unlocked itself (key file) or was unlocked already needs no passphrase.
            if !session.options.json, try await session.call(DaemonStatusRequest()).locked == false {
                print("Already unlocked.")
                return
            }
            let passphrase = try PassphraseReader.read(prompt: "Passphrase: ")
            try await session.run(DaemonUnlockRequest(passphrase: passphrase)) { result in
                result.created
                    ? "Unlocked: a new key store was created under this passphrase." : "Unlocked."
            }
        }
    }
}
