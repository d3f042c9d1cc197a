import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The few facts about the process's terminal the CLI needs, in one place so commands stay pure.
enum Terminal {
    /// Whether standard output is a terminal (colour is only ever used then).
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether standard input is a terminal (passphrases are then read without echo).
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Pushes buffered standard output out now (streams and `watch` print as things happen).
    static func flushOutput() {
        fflush(nil)
    }

    /// Writes one line to standard error; errors never go to standard output, which scripts parse.
    static func writeError(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
