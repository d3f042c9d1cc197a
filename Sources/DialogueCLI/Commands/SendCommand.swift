import ArgumentParser
import DialogueRPC
import Foundation

/// `dialogue send CHAT TEXT [--reply ID] [--image PATH]`: `messages.send`.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a message; it is queued durably and sent as soon as the server can be reached.",
        discussion: """
            Prints "Sent ID" once the server has the message. When the daemon cannot reach the \
            server, the message stays queued in its outbox (it goes out on reconnect) and the exit \
            code is 6.
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: "A conversation id, a group name, or a person's e-mail or name.", completion: .custom(Completions.chats))
    var chat: String

    @Argument(help: "The message text (may be empty with --image).")
    var text: String = ""

    @Option(help: ArgumentHelp("Reply to this message id.", valueName: "id"))
    var reply: String?

    @Option(help: ArgumentHelp("Attach an image file.", valueName: "path"), completion: .file())
    var image: String?

    func validate() throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, image == nil {
            throw ValidationError("Give a message TEXT or an --image.")
        }
    }

    func run() async throws {
        try await Session.with(global) { session in
            let conversationID = try await session.conversationID(for: chat)
            let request = MessagesSendRequest(
                conversationId: conversationID, text: text.isEmpty ? nil : text,
                attachmentPath: image.map(LocalPath.absolute), replyTo: reply)
            let subscribed = await session.watchMessageStates()
            let queued = try await session.result(of: request)
            let (json, message, connection) = try await session.settle(
                queued, subscribed: subscribed, patience: Self.patience)
            // Still queued and the daemon cannot reach the server: exit 6 says so (on stderr).
            let unreachable = message.state == .pending && connection != nil && connection != .online
            session.emit(json) { _ in
                switch message.state {
                case .sent: "Sent \(session.style.muted(message.id))"
                case .failed: ""
                case _ where unreachable: "Queued \(session.style.muted(message.id))"
                default: "Queued \(session.style.muted(message.id)): it is sent as soon as the server can be reached."
                }
            }
            if message.state == .failed {
                let reason = message.failureReason.map { ": \($0)" } ?? ""
                throw CLIFailure(message: "message \(message.id) could not be sent\(reason)", exitCode: 1)
            }
            if unreachable { throw CLIFailure(RPCError.offline(), method: MessagesSendRequest.method) }
        }
    }

    /// How long `send` waits for the server to take the message before leaving it queued.
    static let patience: Duration = .seconds(10)
}
