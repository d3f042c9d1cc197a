import ArgumentParser
import DialogueRPC

/// `dialogue set-passphrase`: `daemon.setPassphrase`; both passphrases are read, never passed.
struct SetPassphraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-passphrase",
        abstract: "Re-encrypt the key store under a new passphrase.",
        discussion: """
            The current and the new passphrase are read from the terminal without echo (the new one \
            twice) or, when standard input is not a terminal, as two lines from standard input. They are \
            never taken from the command line.
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            let old = try PassphraseReader.read(prompt: "Current passphrase: ")
            let new = try PassphraseReader.readNew(prompt: "New passphrase: ")
            try await session.run(DaemonSetPassphraseRequest(old: old, new: new)) { _ in
                "Passphrase changed."
            }
        }
    }
}
