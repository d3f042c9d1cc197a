import ArgumentParser
import DialogueRPC
import Foundation

/// `dialogue signup`: `account.signup`, creating the account and this device's identity keys.
struct SignupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signup",
        abstract: "Create an account on a server and sign this device in.",
        discussion: """
            The password is read from the terminal without echo (twice) or, when standard input is \
            not a terminal, as one line from standard input. It is never taken from the command line.
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(help: ArgumentHelp("The server's URL, e.g. https://chat.example.com.", valueName: "url"))
    var server: String

    @Option(help: ArgumentHelp("Your e-mail address.", valueName: "email"))
    var email: String

    @Option(help: ArgumentHelp("Your full name, as others see it.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("A short bio.", valueName: "text"))
    var bio: String?

    func validate() throws {
        guard email.contains("@") else { throw ValidationError("--email must be an e-mail address.") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--name must not be empty.")
        }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let password = try PassphraseReader.readNew(prompt: "Password: ")
            let request = AccountSignupRequest(
                server: server, email: email, fullname: name, password: password, bio: bio)
            try await session.run(request) { account in
                "Signed up as " + session.plainFormatter.accountLine(account) + "."
            }
        }
    }
}
