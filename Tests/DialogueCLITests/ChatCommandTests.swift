import ArgumentParser
import Testing

@testable import DialogueCLI

/// `dialogue chat` outside the full screen: its arguments, and the refusals that must stay readable.
@Suite("Chat command", .timeLimit(.minutes(1)))
struct ChatCommandTests {
    @Test func parsesAnOptionalChatAndRejectsJSON() throws {
        let plain = try #require(try DialogueCommand.parseAsRoot(["chat"]) as? ChatCommand)
        #expect(plain.chat == nil)
        let team = try #require(try DialogueCommand.parseAsRoot(["chat", "Team"]) as? ChatCommand)
        #expect(team.chat == "Team")
        #expect(throws: (any Error).self) { try DialogueCommand.parseAsRoot(["chat", "--json"]) }
    }

    @Test func theHelpListsTheKeys() async throws {
        let help = try await CLIProcess.run(["chat", "--help"])
        #expect(help.status == 0)
        for binding in ChatKeyHelp.bindings {
            #expect(help.stdout.contains(binding.keys), "\(binding.keys)")
        }
        #expect(!help.stdout.split(separator: "\n").contains { $0.count > 80 })
    }

    @Test func refusesALockedDaemonAndAMissingTerminalBeforeTakingTheScreen() async throws {
        try await FakeDaemon.with { socket in
            let locked = try await CLIProcess.run(["--socket", socket, "chat"])
            #expect(locked.status == 4)
            #expect(locked.stderr == "dialogue: the daemon is locked: run `dialogue unlock`.\n")
            #expect(!locked.stdout.contains("\u{1B}"))
        }
        try await FakeDaemon.with(router: FakeDaemon.chatRouter()) { socket in
            let piped = try await CLIProcess.run(["--socket", socket, "chat"])
            #expect(piped.status == 2)
            #expect(
                piped.stderr
                    == "dialogue: dialogue chat needs a terminal; in scripts use `send`, `history` and `watch`.\n")
            #expect(piped.stdout.isEmpty)
        }
    }
}
