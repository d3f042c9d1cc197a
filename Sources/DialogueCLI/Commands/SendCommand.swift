import ArgumentParser
import DialogueRPC
import Foundation

/// `dialogue send CHAT TEXT [--reply ID] [--image PATH]`: `messages.send`.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a message; it is queued durably and sent as soon as the server can be reached.")

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
            var params: [String: JSONValue] = ["conversationId": .string(conversationID)]
            if !text.isEmpty { params["text"] = .string(text) }
            if let image { params["attachmentPath"] = .string(LocalPath.absolute(image)) }
            if let reply { params["replyTo"] = .string(reply) }
            try await session.run("messages.send", .object(params)) { message in
                let state = message["state"]?.stringValue
                let id = session.style.muted(message["id"]?.stringValue ?? "")
                return state == "sent" ? "Sent \(id)" : "Queued \(id): it is sent as soon as the server can be reached."
            }
        }
    }
}
