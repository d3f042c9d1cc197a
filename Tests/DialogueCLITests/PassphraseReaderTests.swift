import Foundation
import Testing

@testable import DialogueCLI

#if canImport(Glibc)
    import Glibc
#endif

/// When stdin is not a terminal, secrets are read one line at a time from it.
@Suite("Passphrase reading")
struct PassphraseReaderTests {
    /// A pipe already holding `input` with its write end closed.
    func pipe(holding input: String) throws -> Int32 {
        var fds: [Int32] = [0, 0]
        #expect(Glibc.pipe(&fds) == 0)
        let bytes = Array(input.utf8)
        #expect(write(fds[1], bytes, bytes.count) == bytes.count)
        close(fds[1])
        return fds[0]
    }

    @Test func readsOneLineAtATime() throws {
        let fd = try pipe(holding: "old secret\nnew secret\r\n")
        defer { close(fd) }
        #expect(try PassphraseReader.read(prompt: "x", fileDescriptor: fd, isTerminal: false) == "old secret")
        #expect(try PassphraseReader.read(prompt: "x", fileDescriptor: fd, isTerminal: false) == "new secret")
        #expect(throws: PassphraseReader.Failure.endOfInput) {
            try PassphraseReader.read(prompt: "x", fileDescriptor: fd, isTerminal: false)
        }
    }

    @Test func lastLineWithoutNewline() throws {
        let fd = try pipe(holding: "pass phrase with spaces ")
        defer { close(fd) }
        #expect(try PassphraseReader.readLine(fileDescriptor: fd) == "pass phrase with spaces ")
    }

    @Test func emptyInputIsAnError() throws {
        let fd = try pipe(holding: "")
        defer { close(fd) }
        #expect(throws: PassphraseReader.Failure.endOfInput) { try PassphraseReader.readLine(fileDescriptor: fd) }
    }
}
