import ArgumentParser
import DialogueRPC

/// `dialogue login`: `account.login` from this device.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign this device in to an existing account.",
        discussion: """
            The password is read from the terminal without echo or, when standard input is not a \
            terminal, as one line from standard input. It is never taken from the command line.
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(help: ArgumentHelp("The server's URL.", valueName: "url"))
    var server: String

    @Option(help: ArgumentHelp("Your e-mail address.", valueName: "email"))
    var email: String

    func run() async throws {
        try await Session.with(global) { session in
            let password = try PassphraseReader.read(prompt: "Password: ")
            try await session.run(AccountLoginRequest(server: server, email: email, password: password)) { account in
                let signedIn = "Signed in as " + session.plainFormatter.accountLine(account) + "."
                guard account.needsLink == true else { return signedIn }
                return signedIn
                    + "\nYour account's keys are on another device: run `dialogue link` here to link this one."
            }
        }
    }
}
