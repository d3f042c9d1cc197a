import DialogueRPC
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueCLI

#if canImport(Glibc)
    import Glibc
#endif

/// The real `dialogue chat` binary in a real terminal (tmux, 80x24), driven by keys like a person:
/// open a conversation, send, see the other person's reply arrive, resize, quit, and leave the
/// terminal as it was, also when killed.
@Suite(
    "Interactive chat in tmux", .timeLimit(.minutes(2)),
    .enabled(if: Tmux.executable != nil && BuiltProgram.url("dialogue") != nil, "needs tmux and dialogue"))
struct ChatTmuxTests {
    /// A daemon the chat can be pointed at: the fake one here, a real one with a second person
    /// answering in `RealChatTmuxTests`.
    struct Daemon {
        var socket: String
        /// The conversation to open: the first in the list.
        var conversation: String
        /// Text already in that conversation's history.
        var historyText: String
        /// What the other person answers to `text`.
        var reply: @Sendable (_ text: String) -> String
        /// Makes the other person answer `text` with ``reply`` (the fake daemon answers by itself).
        var respond: @Sendable (_ text: String) async throws -> Void = { _ in }
    }

    /// The chat running in tmux inside a shell that records the terminal's modes before and after
    /// it, and its exit status.
    struct Run: ~Copyable {
        let tmux: Tmux
        let directory: TemporaryDirectory

        /// The exit status, once the chat has ended (waits up to 20 s).
        func status() async throws -> String? {
            let deadline = ContinuousClock.now + .seconds(20)
            let path = directory.path + "/status"
            while !FileManager.default.fileExists(atPath: path), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            return try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Whether `stty -g` read the same modes after the chat as before it.
        func modesRestored() throws -> Bool {
            let before = try String(contentsOfFile: directory.path + "/before", encoding: .utf8)
            let after = try String(contentsOfFile: directory.path + "/after", encoding: .utf8)
            return !before.isEmpty && before == after
        }

        /// The chat's pid: the child of the pane's shell.
        func chatPID() async throws -> pid_t? {
            guard let shell = pid_t(try await tmux.format("#{pane_pid}")) else { return nil }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for entry in entries {
                guard let pid = pid_t(entry),
                    let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { continue }
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.count > 1, pid_t(fields[1]) == shell { return pid }
            }
            return nil
        }
    }

    static func start(_ daemon: Daemon, environment: [String: String] = [:]) async throws -> Run {
        let binary = try #require(BuiltProgram.url("dialogue"))
        let directory = try TemporaryDirectory(prefix: "dcli")
        let script = """
            stty -g > "$1/before"; "$2" --socket "$3" chat; status=$?; stty -g > "$1/after"; echo $status > "$1/status"
            """
        let tmux = try await Tmux.start(
            ["/bin/sh", "-c", script, "sh", directory.path, binary.path, daemon.socket], width: 80, height: 24,
            directory: directory.path, environment: environment)
        return Run(tmux: tmux, directory: directory)
    }

    /// ``FakeDaemon/chatRouter(calls:)`` served on `socket`.
    static func fakeDaemon(_ socket: String) -> Daemon {
        Daemon(
            socket: socket, conversation: "Bob Stone", historyText: "Hi Ada, are you there?",
            reply: { "Got it: " + $0 })
    }

    @Test func openSendSeeTheReplyAndQuitAgainstTheFakeDaemon() async throws {
        let calls = ChatCalls()
        try await FakeDaemon.with(router: FakeDaemon.chatRouter(calls: calls)) { socket in
            try await Self.openSendSeeTheReplyAndQuit(Self.fakeDaemon(socket))
        }
        let sent = calls.params(of: "messages.send")
        #expect(sent.count == 1)
        #expect(sent.first??["conversationId"] == "c3")
        #expect(sent.first??["text"] == "hello from tmux")
        let typing = calls.params(of: "typing.update")
        #expect(typing.contains { $0?["typing"] == true })
        #expect(calls.params(of: "conversations.markRead").contains { $0?["conversationId"] == "c3" })
    }

    /// The scenario itself, for any daemon.
    static func openSendSeeTheReplyAndQuit(_ daemon: Daemon) async throws {
        let run = try await start(daemon)
        let tmux = run.tmux
        do {
            let listed = try await tmux.waitForScreen { $0.contains("Chats") && $0.contains(daemon.conversation) }
            #expect(listed.met, "the conversation list never showed:\n\(listed.screen)")
            #expect(try await waitFor(timeout: .seconds(10)) { try await tmux.format("#{alternate_on}") == "1" })
            let lines = listed.screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first?.hasPrefix(" Dialogue") == true, "\(listed.screen)")
            #expect(listed.screen.contains("● online"))
            // The title bar in Smoke White on Ink Blue.
            let colours = try await tmux.colouredScreen()
            #expect(colours.contains("38;2;236;236;236"), "\(colours.prefix(200).debugDescription)")
            #expect(colours.contains("48;2;47;93;168"))

            // Enter opens the highlighted (first) conversation and puts the keys in the composer.
            try await tmux.send(keys: "Enter")
            let opened = try await tmux.waitForScreen { $0.contains(daemon.historyText) }
            #expect(opened.met, "the history never showed:\n\(opened.screen)")

            try await tmux.type("hello from tmux")
            try await tmux.send(keys: "Enter")
            try await daemon.respond("hello from tmux")
            let expected = daemon.reply("hello from tmux")
            let replied = try await tmux.waitForScreen { $0.contains(expected) }
            #expect(replied.met, "the reply never arrived:\n\(replied.screen)")
            #expect(replied.screen.contains("hello from tmux"))
            // The reply quotes the message it answers.
            #expect(replied.screen.contains("↳ You: hello from tmux"), "\(replied.screen)")

            // Narrower: one pane at a time, every row within the new width.
            try await tmux.resize(width: 50, height: 16)
            let narrow = try await tmux.waitForScreen {
                $0.split(separator: "\n").count <= 16 && $0.contains(expected) && !$0.contains(" Chats")
            }
            #expect(narrow.met, "the narrow layout never settled:\n\(narrow.screen)")
            let tooWide = narrow.screen.split(separator: "\n").filter { ChatText.width(of: $0) > 50 }
            #expect(tooWide.isEmpty, "\(tooWide)")
            try await tmux.resize(width: 80, height: 24)

            // Escape leaves the composer; q quits.
            try await tmux.send(keys: "Escape")
            try await tmux.send(keys: "q")
            #expect(try await run.status() == "0")
            #expect(try run.modesRestored(), "the terminal's modes were not restored")
            #expect(try await waitFor(timeout: .seconds(10)) { try await tmux.format("#{alternate_on}") == "0" })
            #expect(try await waitFor(timeout: .seconds(10)) { try await tmux.format("#{cursor_flag}") == "1" })
            let final = try await tmux.screen()
            #expect(!final.contains("Chats"), "the chat is still on the normal screen:\n\(final)")
        } catch {
            await tmux.stop()
            throw error
        }
        await tmux.stop()
    }

    /// Killed (SIGTERM) or crashing (SIGSEGV), the chat still gives the terminal back.
    @Test(arguments: [SIGTERM, SIGSEGV])
    func aSignalRestoresTheTerminal(signal: Int32) async throws {
        try await FakeDaemon.with(router: FakeDaemon.chatRouter()) { socket in
            // Swift's crash reporter runs after the chat's handler; on a terminal it would wait for a key.
            let run = try await Self.start(Self.fakeDaemon(socket), environment: ["SWIFT_BACKTRACE": "interactive=no"])
            let tmux = run.tmux
            do {
                let listed = try await tmux.waitForScreen { $0.contains("Chats") }
                #expect(listed.met, "the chat never started:\n\(listed.screen)")
                let pid = try #require(try await run.chatPID())
                #expect(Glibc.kill(pid, signal) == 0)
                let status = try await run.status()
                let screen = try await tmux.screen()
                #expect(status == "\(128 + signal)", "\(screen)")
                #expect(try run.modesRestored(), "the terminal's modes were not restored")
                // tmux reads the pane's last bytes on its own time, after the process has gone.
                #expect(try await waitFor(timeout: .seconds(10)) { try await tmux.format("#{alternate_on}") == "0" })
                #expect(try await waitFor(timeout: .seconds(10)) { try await tmux.format("#{cursor_flag}") == "1" })
            } catch {
                await tmux.stop()
                throw error
            }
            await tmux.stop()
        }
    }
}
