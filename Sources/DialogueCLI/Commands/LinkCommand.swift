import ArgumentParser
import DialogueRPC

/// `dialogue link [CODE]`: shows a code to link a new device, or accepts one shown by another.
///
/// spec/rpc.md has no linking method yet; this calls `devices.link`, which a daemon without it
/// answers with -32601, reported as "not supported yet".
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Show a code to link another device, or accept a code shown by one.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "A link code shown by your other device (omit it to show one).")
    var code: String?

    func run() async throws {
        try await Session.with(global) { session in
            let params: JSONValue = code.map { ["code": .string($0)] } ?? [:]
            try await session.run("devices.link", params) { result in
                if let shown = result["code"]?.stringValue {
                    return "Link code: \(session.style.ink(shown))\nRun `dialogue link \(shown)` on the other device."
                }
                return "Linked."
            }
        }
    }
}
