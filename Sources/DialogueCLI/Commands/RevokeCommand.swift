import ArgumentParser
import DialogueRPC

/// `dialogue revoke DEVICE`: `devices.revoke`.
struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke one of this account's devices.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The device id (see `dialogue devices`).")
    var device: String

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(DevicesRevokeRequest(deviceId: device)) { _ in "Revoked." }
        }
    }
}
