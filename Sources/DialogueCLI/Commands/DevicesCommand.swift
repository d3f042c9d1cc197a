import ArgumentParser
import DialogueRPC

/// `dialogue devices`: `devices.list`.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "devices", abstract: "List this account's devices.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(DevicesListRequest()) { session.plainFormatter.devices($0) }
        }
    }
}
