import ArgumentParser
import DialogueRPC

/// `dialogue watch [--types T,...]`: `events.subscribe`, then one line per event until interrupted.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print events (new messages, typing, presence, ...) as they happen, until interrupted.",
        discussion: "With --json each event is one line: {\"jsonrpc\":\"2.0\",\"method\":TYPE,\"params\":EVENT}.")

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Only these event types (e.g. message.new typing); all when omitted.", valueName: "type"),
        completion: .list(LocalEvent.Kind.allCases.map(\.rawValue)))
    var types: [String] = []

    func validate() throws {
        let known = Set(LocalEvent.Kind.allCases.map(\.rawValue))
        if let unknown = types.first(where: { !known.contains($0) }) {
            throw ValidationError("Unknown event type \(unknown); known: \(known.sorted().joined(separator: ", ")).")
        }
    }

    func run() async throws {
        try await Session.with(global) { session in
            _ = try await session.call(EventsSubscribeRequest(types: types.isEmpty ? nil : types))
            let formatter = await session.formatter(withPeople: true)
            if !session.options.json {
                Terminal.writeError(session.style.muted("Watching events; press Ctrl-C to stop."))
            }
            for await notification in session.client.notifications {
                print(session.options.json ? notification.json.serialized() : formatter.event(notification))
                // Each event as it happens, even into a pipe.
                Terminal.flushOutput()
            }
            throw CLIFailure(
                message: "dialogued closed the connection", exitCode: CLIFailure.daemonNotRunningExitCode)
        }
    }
}
