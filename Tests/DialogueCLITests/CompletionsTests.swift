import DialogueTestSupport
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
            // A loaded machine may miss the shell's one-second budget; the answer is what is checked here.
            #expect(await Completions.chats(words, prefix: "Te", within: .seconds(30)) == ["Team", "Team Leads"])
            #expect(await Completions.users(words, prefix: "B", within: .seconds(30)) == ["Bob Stone"])
            // The way the generated bash script asks the binary itself (within its one second, so a
            // few tries on a busy machine).
            var last = ""
            let answered = try await waitFor(timeout: .seconds(30)) {
                let shell = try await CLIProcess.run(
                    ["---completion", "send", "--", "positional@0", "4", "2"] + words, timeout: .seconds(10))
                last = "\(shell.status) \(shell.stdout) \(shell.stderr)"
                return shell.status == 0 && shell.stdout.split(separator: "\n").contains("Team")
            }
            #expect(answered, "\(last)")
        }
    }

    @Test func nothingWhenTheDaemonIsAbsent() async throws {
        let directory = try TemporaryDirectory(prefix: "dcli")
        let words = ["dialogue", "--socket", directory.path + "/none.sock", "send", ""]
        #expect(await Completions.chats(words, 4, "") == [])
    }
}
