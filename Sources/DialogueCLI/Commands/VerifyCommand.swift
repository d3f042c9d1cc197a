import ArgumentParser
import DialogueRPC

/// `dialogue verify USER NUMBER`: `security.verify` after comparing safety numbers.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Mark a person verified after comparing safety numbers.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "A user id, e-mail or name.", completion: .custom(Completions.users))
    var user: String

    @Argument(help: "The 60-digit safety number (spaces allowed when quoted).")
    var number: String

    /// The digits only, so "12345 67890 ..." as read aloud works.
    var digits: String { number.filter(\.isNumber) }

    func validate() throws {
        guard digits.count == 60, number.allSatisfy({ $0.isNumber || $0 == " " }) else {
            throw ValidationError("NUMBER must be the 60 digits of the safety number.")
        }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let person = try await session.person(for: user)
            try await session.run(SecurityVerifyRequest(userId: person.id, number: digits)) { result in
                !result.verified
                    ? "The numbers differ: \(person.name) is not verified." : "\(person.name) is verified."
            }
        }
    }
}
