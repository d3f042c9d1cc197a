import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reads secrets without them ever touching argv (where `ps` and shell history would see them).
///
/// On a terminal the prompt goes to stderr and echo is switched off with termios for the read;
/// otherwise one line is read from the descriptor, so scripts can pipe a passphrase in.
enum PassphraseReader {
    /// Why a secret could not be read.
    enum Failure: Error, Equatable {
        case endOfInput
    }

    /// Prompts (on a terminal) and reads one secret from standard input.
    static func read(prompt: String) throws -> String {
        try read(prompt: prompt, fileDescriptor: STDIN_FILENO, isTerminal: Terminal.stdinIsTerminal)
    }

    /// Reads a secret twice on a terminal to catch typos; once otherwise.
    static func readNew(prompt: String) throws -> String {
        let first = try read(prompt: prompt)
        guard Terminal.stdinIsTerminal else { return first }
        let again = try read(prompt: "Again: ")
        guard again == first else {
            throw CLIFailure(message: "the two entries differ: nothing was changed", exitCode: CLIFailure.usageExitCode)
        }
        return first
    }

    /// Reads one line from `fileDescriptor`, with echo off when it is a terminal.
    static func read(prompt: String, fileDescriptor: Int32, isTerminal: Bool) throws -> String {
        guard isTerminal else { return try readLine(fileDescriptor: fileDescriptor) }
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let hasSaved = tcgetattr(fileDescriptor, &saved) == 0
        if hasSaved {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            silent.c_lflag |= tcflag_t(ECHONL)
            // Ctrl-C while echo is off must not leave the shell without echo.
            EchoGuard.arm(fileDescriptor: fileDescriptor, saved: saved)
            _ = tcsetattr(fileDescriptor, TCSAFLUSH, &silent)
        }
        defer {
            if hasSaved {
                _ = tcsetattr(fileDescriptor, TCSAFLUSH, &saved)
                EchoGuard.disarm()
            }
        }
        return try readLine(fileDescriptor: fileDescriptor)
    }

    /// Reads bytes up to a newline (not past it, so a second secret can follow on the next line).
    ///
    /// A trailing `\r` is dropped; end of input before any byte is ``Failure/endOfInput``.
    static func readLine(fileDescriptor: Int32) throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(fileDescriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                if bytes.isEmpty { throw Failure.endOfInput }
                break
            }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
