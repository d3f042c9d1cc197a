import Testing

@testable import DialogueCLI

/// CHAT and USER completions ask the daemon, and give nothing (quickly) when it is not there.
@Suite("Shell completions", .timeLimit(.minutes(1)))
struct CompletionsTests {
    @Test func socketPathFromTheWords() {
        #expect(Completions.socketPath(in: ["dialogue", "--socket", "/tmp/a.sock", "send"]) == "/tmp/a.sock")
        #expect(Completions.socketPath(in: ["dialogue", "--socket=/tmp/b.sock", "send"]) == "/tmp/b.sock")
        #expect(Completions.socketPath(in: ["dialogue", "send"]) == nil)
    }

    @Test func chatsAndUsersFromTheDaemon() async throws {
        try await FakeDaemon.with { socket in
            let unlock = try await CLIProcess.run(["--socket", socket, "unlock"], stdin: FakeDaemon.passphrase + "\n")
            #expect(unlock.status == 0)
            let words = ["dialogue", "--socket", socket, "send", "Te"]
            #expect(await Completions.chats(words, 4, "Te") == ["Team", "Team Leads"])
            #expect(await Completions.users(words, 4, "B") == ["Bob Stone"])
            // The way the generated bash script asks the binary itself.
            let shell = try await CLIProcess.run(
                ["---completion", "send", "--", "positional@0", "4", "2"] + words, timeout: .seconds(10))
            #expect(shell.status == 0, "\(shell.stderr)")
            #expect(shell.stdout.split(separator: "\n").contains("Team"), "\(shell.stdout)")
        }
    }

    @Test func nothingWhenTheDaemonIsAbsent() async throws {
        let directory = try ShortDirectory()
        let words = ["dialogue", "--socket", directory.path + "/none.sock", "send", ""]
        #expect(await Completions.chats(words, 4, "") == [])
    }
}
