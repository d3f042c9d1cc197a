import Foundation
import Testing

/// `dialogue chat` in tmux against Ada's real daemon, with Grace answering from hers through the
/// CLI: the same scenario as the fake daemon's (`ChatTmuxTests`), end to end through a real server.
@Suite(
    "Interactive chat in tmux against real daemons", .timeLimit(.minutes(3)),
    .enabled(if: Tmux.executable != nil && RealPair.available, "needs tmux, dialogued and dialogue-server"))
struct RealChatTmuxTests {
    @Test func openSendSeeGracesReplyAndQuit() async throws {
        let pair = try await RealPair.start()
        defer { pair.stop() }
        let ada = pair.ada
        let grace = pair.grace

        // Grace writes first, so Ada's list has the conversation and its history.
        let opener = "Hi Ada, are you there?"
        let hello = try await grace.run(["send", "Ada", opener])
        #expect(hello.status == 0, "\(hello.stderr)")
        let arrived = try await waitFor { try await RealDaemonTests.message(ada, "Grace", text: opener) != nil }
        try #require(arrived, "Grace's message never reached Ada: \(pair.log(of: ada).suffix(2000))")

        let daemon = ChatTmuxTests.Daemon(
            socket: ada.socket, conversation: "Grace Hopper", historyText: opener, reply: { "Got it: " + $0 },
            respond: { text in
                // Once Ada's message reaches Grace, she answers it with the CLI, quoting it.
                let received = try await eventually { try await RealDaemonTests.message(grace, "Ada", text: text) }
                let id = try #require(received?["id"]?.stringValue, "Ada's message never reached Grace")
                let answer = try await grace.run(["send", "Ada", "Got it: " + text, "--reply", id])
                #expect(answer.status == 0, "\(answer.stderr)")
            })
        try await ChatTmuxTests.openSendSeeTheReplyAndQuit(daemon)

        // What Ada typed went through her daemon and the server, not only onto her screen.
        let sent = try await RealDaemonTests.message(grace, "Ada", text: "hello from tmux")
        #expect(sent?["senderId"]?.stringValue == ada.id)
    }
}
