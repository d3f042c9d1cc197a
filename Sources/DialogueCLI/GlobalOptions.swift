import ArgumentParser

/// The options of `dialogue [--socket PATH] [--json] [--no-color] COMMAND`, shared by every command.
struct GlobalOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The daemon's socket (default: $XDG_RUNTIME_DIR/dialogue/dialogued.sock).", valueName: "path"))
    var socket: String?

    @Flag(help: "Print the daemon's JSON result unchanged, on one line.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Never colour the output (NO_COLOR does the same).")
    var noColor = false

    init() {}
}
