import ArgumentParser
import DialogueRPC

/// `dialogue safety-number USER`: `security.safetyNumber`, to compare out of band.
struct SafetyNumberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safety-number", abstract: "Show the 60-digit safety number you share with a person.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "A user id, e-mail or name.", completion: .custom(Completions.users))
    var user: String

    func run() async throws {
        try await Session.with(global) { session in
            let person = try await session.person(for: user)
            try await session.run(SecuritySafetyNumberRequest(userId: person.id)) {
                session.plainFormatter.safetyNumber($0, for: person.name)
            }
        }
    }
}
