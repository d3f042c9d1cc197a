import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Testing

/// The built `dialogue` binary as a subprocess against real RPC servers on real Unix sockets.
@Suite("End to end", .timeLimit(.minutes(2)))
struct EndToEndTests {
    @Test func daemonNotRunningExits3() async throws {
        let directory = try TemporaryDirectory(prefix: "dcli")
        let outcome = try await CLIProcess.run(["--socket", directory.path + "/nobody.sock", "status"])
        #expect(outcome.status == 3)
        #expect(outcome.stdout.isEmpty)
        #expect(
            outcome.stderr
                == "dialogue: dialogued is not running: start it with `systemctl --user start dialogued` (or run `dialogued`).\n"
        )
        // The default path follows XDG_RUNTIME_DIR.
        let viaEnvironment = try await CLIProcess.run(["me"], environment: ["XDG_RUNTIME_DIR": directory.path])
        #expect(viaEnvironment.status == 3)
    }

    @Test func helpVersionCompletionsAndUsage() async throws {
        let version = try await CLIProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        let help = try await CLIProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes"))
        for shell in ["bash", "zsh", "fish"] {
            let script = try await CLIProcess.run(["--generate-completion-script", shell])
            #expect(script.status == 0, "\(shell): \(script.stderr)")
            #expect(script.stdout.contains("safety-number"))
        }
        let usage = try await CLIProcess.run(["history", "Team", "--limit", "0"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--limit"))
        let unknown = try await CLIProcess.run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test func againstAFakeDaemon() async throws {
        try await FakeDaemon.with { socket in
            let status = try await CLIProcess.run(["--socket", socket, "status"])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("Key store  locked"))

            let locked = try await CLIProcess.run(["--socket", socket, "chats"])
            #expect(locked.status == 4)
            #expect(locked.stderr == "dialogue: the daemon is locked: run `dialogue unlock`.\n")

            let wrong = try await CLIProcess.run(["--socket", socket, "unlock"], stdin: "wrong\n")
            #expect(wrong.status == 7)
            #expect(wrong.stderr == "dialogue: refused: wrong passphrase.\n")

            let unlock = try await CLIProcess.run(["--socket", socket, "unlock"], stdin: FakeDaemon.passphrase + "\n")
            #expect(unlock.status == 0, "\(unlock.stderr)")
            #expect(unlock.stdout.hasPrefix("Unlocked"))
            let again = try await CLIProcess.run(["--socket", socket, "unlock"])
            #expect(again.status == 0)
            #expect(again.stdout == "Already unlocked.\n")

            let json = try await CLIProcess.run(["--socket", socket, "--json", "status"])
            #expect(json.status == 0)
            let value = try JSONValue(parsing: Data(json.stdout.utf8))
            #expect(value["locked"] == false)
            #expect(json.stdout.hasSuffix("}\n"))
            #expect(json.stdout.filter { $0 == "\n" }.count == 1)

            let me = try await CLIProcess.run(["--socket", socket, "me"])
            #expect(me.status == 5)

            // The daemon took it (pending) while offline: queued, and exit 6 says so.
            let queued = try await CLIProcess.run(["--socket", socket, "send", "bob", "hi"])
            #expect(queued.status == 6, "\(queued.stderr)")
            #expect(queued.stdout.hasPrefix("Queued m1"))
            #expect(queued.stderr.contains("the message is queued"))

            let offline = try await CLIProcess.run(["--socket", socket, "send", "Team", "offline please"])
            #expect(offline.status == 6)
            #expect(offline.stderr.contains("the message is queued"))

            let ambiguous = try await CLIProcess.run(["--socket", socket, "send", "tea", "hi"])
            #expect(ambiguous.status == 2)
            #expect(ambiguous.stderr.contains("Team (c1)"))
            #expect(ambiguous.stderr.contains("Team Leads (c2)"))

            let forbidden = try await CLIProcess.run(["--socket", socket, "edit", "m1", "fixed"])
            #expect(forbidden.status == 7)
            #expect(forbidden.stderr == "dialogue: refused: the 15-minute edit window has passed.\n")

            let unsupported = try await CLIProcess.run(["--socket", socket, "search", "budget"])
            #expect(unsupported.status == 1)
            #expect(unsupported.stderr == "dialogue: the daemon does not support `messages.search` yet.\n")

            let bot = try await CLIProcess.run(["--socket", socket, "bot", "ask", "Where are my keys?"])
            #expect(bot.status == 0, "\(bot.stderr)")
            #expect(bot.stdout == "Keys stay on your devices.\n")

            // `watch` runs until interrupted: give it a moment, then stop it and read what it printed.
            let watch = try await CLIProcess.run(["--socket", socket, "watch"], timeout: .seconds(3))
            #expect(watch.stdout.contains("Bob Stone is typing..."), "\(watch.stdout) \(watch.stderr)")
            #expect(watch.stdout.contains("Bob Stone  Hello from Bob  m7"))
            let watchJSON = try await CLIProcess.run(
                ["--socket", socket, "--json", "watch", "--types", "message.new"], timeout: .seconds(3))
            #expect(watchJSON.stdout.contains(#""method":"message.new""#))

            let lock = try await CLIProcess.run(["--socket", socket, "lock"])
            #expect(lock.status == 0)
            let lockedAgain = try await CLIProcess.run(["--socket", socket, "me"])
            #expect(lockedAgain.status == 4)
        }
    }

    /// The real daemon when it is built next to the tests; skipped otherwise.
    @Test(.enabled(if: BuiltProgram.url("dialogued") != nil, "dialogued is not built"))
    func againstTheRealDaemon() async throws {
        let root = try TemporaryDirectory(prefix: "dcli")
        let environment = try RealPrograms.environment(root: root.path)
        // The daemon in this tree may not start yet: the fake-daemon test covers the CLI then.
        guard let daemon = try await RealPrograms.startDaemon(environment: environment) else { return }
        defer { RealPrograms.stop(daemon) }

        let status = try await CLIProcess.run(["status"], environment: environment)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("Key store  locked"))

        let locked = try await CLIProcess.run(["me"], environment: environment)
        #expect(locked.status == 4, "\(locked.stderr)")
        #expect(locked.stderr == "dialogue: the daemon is locked: run `dialogue unlock`.\n")

        let unlock = try await CLIProcess.run(["unlock"], stdin: "a long test passphrase\n", environment: environment)
        #expect(unlock.status == 0, "\(unlock.stderr)")
        #expect(unlock.stdout.hasPrefix("Unlocked"))

        let json = try await CLIProcess.run(["--json", "status"], environment: environment)
        #expect(json.status == 0)
        let value = try JSONValue(parsing: Data(json.stdout.utf8))
        #expect(value["locked"] == false)

        let me = try await CLIProcess.run(["me"], environment: environment)
        #expect(me.status == 5, "\(me.stderr)")

        let unsupported = try await CLIProcess.run(["chats"], environment: environment)
        if unsupported.status != 0 {
            #expect(unsupported.stderr.contains("conversations.list") || unsupported.status == 5)
        }

        let change = try await CLIProcess.run(
            ["set-passphrase"], stdin: "a long test passphrase\nanother long passphrase\n", environment: environment)
        #expect(change.status == 0, "\(change.stderr)")

        let lock = try await CLIProcess.run(["lock"], environment: environment)
        #expect(lock.status == 0)
        let lockedAgain = try await CLIProcess.run(["me"], environment: environment)
        #expect(lockedAgain.status == 4)

        let oldPassphrase = try await CLIProcess.run(
            ["unlock"], stdin: "a long test passphrase\n", environment: environment)
        #expect(oldPassphrase.status == 4)
        #expect(!oldPassphrase.stderr.contains("run `dialogue unlock`"))
        #expect(oldPassphrase.stderr.hasPrefix("dialogue: "))
        #expect(oldPassphrase.stderr.filter { $0 == "\n" }.count == 1)
        let newPassphrase = try await CLIProcess.run(
            ["unlock"], stdin: "another long passphrase\n", environment: environment)
        #expect(newPassphrase.status == 0, "\(newPassphrase.stderr)")

        let noPassphrase = try await CLIProcess.run(["set-passphrase"], stdin: "", environment: environment)
        #expect(noPassphrase.status == 2)
    }

    /// Sign-up and sign-in through the real daemon against a real server, when both are built.
    @Test(
        .enabled(
            if: BuiltProgram.url("dialogued") != nil && BuiltProgram.url("dialogue-server") != nil,
            "dialogued or dialogue-server is not built"))
    func signupAgainstTheRealServer() async throws {
        let root = try TemporaryDirectory(prefix: "dcli")
        let environment = try RealPrograms.environment(root: root.path)
        guard let (server, url) = try await RealPrograms.startServer(root: root.path) else { return }
        defer { RealPrograms.stop(server) }
        guard let daemon = try await RealPrograms.startDaemon(environment: environment) else { return }
        defer { RealPrograms.stop(daemon) }

        let unlock = try await CLIProcess.run(["unlock"], stdin: "a long test passphrase\n", environment: environment)
        #expect(unlock.status == 0, "\(unlock.stderr)")
        let signup = try await CLIProcess.run(
            ["signup", "--server", url, "--email", "ada@example.com", "--name", "Ada Lovelace", "--bio", "Maths"],
            stdin: "a good password\n", environment: environment)
        #expect(signup.status == 0, "\(signup.stderr)")
        #expect(signup.stdout == "Signed up as Ada Lovelace <ada@example.com>.\n")
        let me = try await CLIProcess.run(["--json", "me"], environment: environment)
        #expect(me.status == 0, "\(me.stderr)")
        #expect(try JSONValue(parsing: Data(me.stdout.utf8))["email"] == "ada@example.com")
        let status = try await CLIProcess.run(["status"], environment: environment)
        #expect(status.stdout.contains("Account    Ada Lovelace <ada@example.com>"))
        let logout = try await CLIProcess.run(["logout"], environment: environment)
        #expect(logout.status == 0)
        let signedOut = try await CLIProcess.run(["me"], environment: environment)
        #expect(signedOut.status == 5)
        let login = try await CLIProcess.run(
            ["login", "--server", url, "--email", "ada@example.com"], stdin: "a good password\n",
            environment: environment)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout == "Signed in as Ada Lovelace <ada@example.com>.\n")
    }
}
