import ArgumentParser
import Foundation

/// `dialogue`: the command-line front end; it talks only to the daemon's socket (spec/rpc.md).
///
/// Every RPC method has a subcommand named after it (signal-cli's convention), so scripts can
/// reach the whole API while people get aligned, coloured output by default.
public struct DialogueCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dialogue",
        abstract: "Dialogue, the end-to-end-encrypted messenger, from the command line.",
        discussion: """
            dialogue talks to your dialogued daemon over its Unix socket \
            ($XDG_RUNTIME_DIR/dialogue/dialogued.sock unless --socket is given). Output is for people \
            by default; --json prints the daemon's JSON result unchanged, on one line, for scripts. \
            Colour is used only on a terminal, and never when NO_COLOR is set or --no-color is given.

            Passphrases and passwords are never taken from the command line: they are read from the \
            terminal without echo, or, when standard input is not a terminal, one line from standard input.

            Exit codes:
              0  success
              1  any other failure
              2  invalid command line or input (usage)
              3  dialogued is not running (systemctl --user start dialogued)
              4  the daemon is locked (run `dialogue unlock`)
              5  not signed in (run `dialogue signup` or `dialogue login`)
              6  offline: the server cannot be reached (a sent message stays queued)
              7  forbidden: the server or a local rule refused it
              8  not found: no such conversation, message or user
            """,
        version: "0.1.0",
        subcommands: [
            StatusCommand.self, UnlockCommand.self, LockCommand.self, SetPassphraseCommand.self, ReconnectCommand.self,
            SignupCommand.self, LoginCommand.self, LogoutCommand.self, MeCommand.self, ProfileCommand.self,
            UsersCommand.self, ChatsCommand.self, OpenCommand.self, HistoryCommand.self, SendCommand.self,
            EditCommand.self, DeleteCommand.self, ReactCommand.self, ReadCommand.self, MuteCommand.self,
            UnmuteCommand.self, SearchCommand.self, GroupCommand.self, TypingCommand.self, PresenceCommand.self,
            SafetyNumberCommand.self, VerifyCommand.self, DevicesCommand.self, RevokeCommand.self,
            LinkCommand.self, BotCommand.self, WatchCommand.self, DiscoverCommand.self, ChatCommand.self,
        ]
    )

    /// The options every command shares. Each subcommand declares the same group, so the options
    /// work before or after the command's name and show in every command's help.
    @OptionGroup(title: "Global options") var global: GlobalOptions

    public init() {}

    /// Runs like ArgumentParser's `main`, except that usage errors exit with 2 (the shell
    /// convention the help documents) instead of ArgumentParser's 64.
    public static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Self.exitCode(for: error)
            guard code.rawValue == ExitCode.validationFailure.rawValue else { Self.exit(withError: error) }
            Terminal.writeError(Self.fullMessage(for: error))
            Foundation.exit(CLIFailure.usageExitCode)
        }
    }
}
