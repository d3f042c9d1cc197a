import ArgumentParser
import DialogueRPC

/// `dialogue chat [CHAT]`: the interactive full-screen chat.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat interactively in a full-screen terminal view.",
        discussion: """
            The conversation list (unread counts, who is online), the open conversation (replies \
            quoted, reactions, edits and deletions marked, who is typing), a composer, and a slide-out \
            assistant panel whose answers stream in as they are written. It needs a terminal; scripts \
            use `send`, `history` and `watch`.

            Keys:
            """ + "\n" + ChatKeyHelp.lines.map { "  " + $0 }.joined(separator: "\n"))

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: "Open this conversation first: an id, a group name, or a person's e-mail or name.",
        completion: .custom(Completions.chats))
    var chat: String?

    func validate() throws {
        if global.json { throw ValidationError("dialogue chat is interactive; --json does not apply.") }
    }

    func run() async throws {
        try await Session.with(global) { session in
            // Refuse before taking the screen over, so the reason stays readable.
            let status = try await session.call("daemon.status")
            if status["locked"]?.boolValue == true { throw CLIFailure(RPCError.locked()) }
            if let account = status["account"], account.objectValue == nil {
                throw CLIFailure(RPCError.notSignedIn())
            }
            guard Terminal.stdinIsTerminal, Terminal.stdoutIsTerminal else {
                throw CLIFailure(
                    message: "dialogue chat needs a terminal; in scripts use `send`, `history` and `watch`",
                    exitCode: CLIFailure.usageExitCode)
            }
            var initial: String?
            if let chat { initial = try await session.conversationID(for: chat) }
            let terminal: ChatTerminal
            do throws(ChatFailure) {
                terminal = try ChatTerminal.open()
            } catch {
                throw CLIFailure(message: "could not take over the terminal: \(error.message)", exitCode: 1)
            }
            defer { terminal.close() }
            let loop = ChatLoop(client: session.client, terminal: terminal, style: session.style)
            let exit = await loop.run(ChatModel(open: initial))
            terminal.close()
            if exit == .daemonClosed {
                throw CLIFailure(
                    message: "dialogued closed the connection", exitCode: CLIFailure.daemonNotRunningExitCode)
            }
        }
    }
}
