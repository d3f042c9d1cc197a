import ArgumentParser
import DialogueRPC

/// `dialogue discover`: `rpc.discover`, the daemon's OpenRPC description of itself.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover", abstract: "List the methods this daemon supports (--json: the OpenRPC document).")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        try await Session.with(global) { session in
            try await session.run(RPCDiscoverRequest()) { session.plainFormatter.discover($0) }
        }
    }
}
