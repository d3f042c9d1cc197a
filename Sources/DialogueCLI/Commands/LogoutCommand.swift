import ArgumentParser
import DialogueRPC

/// `dialogue logout`: `account.logout`.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Sign out and forget the session token.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(AccountLogoutRequest()) { _ in "Signed out." }
        }
    }
}
