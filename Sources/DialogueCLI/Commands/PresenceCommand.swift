import ArgumentParser
import DialogueRPC

/// `dialogue presence`: `presence.list`, "Online" or "Active 5m ago" per person.
struct PresenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presence", abstract: "Show who is online and when the others were last seen.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            let result = try await session.result(of: PresenceListRequest())
            let formatter = await session.formatter(withPeople: true)
            try session.emit(result, as: PresenceListRequest.self) { formatter.presence($0) }
        }
    }
}
