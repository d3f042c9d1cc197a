import ArgumentParser
import DialogueRPC

/// `dialogue link [CODE]`: `devices.link`. The new device shows a code and waits; a device that
/// already has the account enters it.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link this new device to your account, or link a new device from this one.",
        discussion: """
            On the new device, sign in (dialogue login), then run `dialogue link`: it shows a code and \
            waits. On a device that already has your account, run `dialogue link CODE`. The new device \
            then receives your account key and the keys of every conversation, and reads the history. \
            The code never reaches the server and expires after 15 minutes.
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(help: "The code the new device shows (omit it on the new device to show one).")
    var code: String?

    @Flag(help: "Show the code and return, without waiting for the other device.")
    var noWait = false

    func run() async throws {
        try await Session.with(global) { session in
            if let code {
                try await session.run(DevicesLinkRequest(code: code)) { result in
                    "Linked device \(result.deviceId)."
                }
                return
            }
            if !noWait {
                _ = try await session.call(
                    EventsSubscribeRequest(types: [
                        LocalEvent.Kind.deviceLinked.rawValue, LocalEvent.Kind.deviceLinkExpired.rawValue,
                    ]))
            }
            try await session.run(DevicesLinkRequest()) { result in
                let shown = result.code ?? ""
                return """
                    Link code: \(session.style.ink(shown))
                    On a device that already has your account, run: dialogue link \(shown)
                    """
            }
            // The code must be on screen (or in the pipe) while this waits.
            Terminal.flushOutput()
            guard !noWait else { return }
            if !session.options.json {
                Terminal.writeError(
                    session.style.muted(
                        "Waiting for your other device; Ctrl-C stops waiting (the link still completes)."))
            }
            for await notification in session.client.notifications {
                switch try? LocalEvent(notification) {
                case .deviceLinked(let linked):
                    let conversations = linked.conversations
                    session.emit(notification.params ?? [:]) { _ in
                        "Linked: this device now has your account and \(conversations) conversation\(conversations == 1 ? "" : "s")."
                    }
                    return
                case .deviceLinkExpired:
                    throw CLIFailure(message: "The code expired unused: run `dialogue link` again", exitCode: 1)
                default:
                    continue
                }
            }
            throw CLIFailure(message: "dialogued closed the connection", exitCode: CLIFailure.daemonNotRunningExitCode)
        }
    }
}
