import DialogueRPC
import Foundation
import Testing

@testable import DialogueCLI

/// Output formatting is pure: a fixed `now`, plain or coloured style, exact strings.
@Suite("Output formatting")
struct FormattingTests {
    /// 2026-11-27T12:00:00Z.
    let now = Date(timeIntervalSince1970: 1_795_780_800)
    var plain: OutputFormatter { OutputFormatter(style: .plain, now: now) }

    func ago(_ seconds: TimeInterval) -> String {
        now.addingTimeInterval(-seconds).formatted(Date.ISO8601FormatStyle())
    }

    @Test func relativeTimes() {
        #expect(RelativeTime.describe(now, now: now) == "now")
        #expect(RelativeTime.describe(now.addingTimeInterval(-59), now: now) == "now")
        #expect(RelativeTime.describe(now.addingTimeInterval(-300), now: now) == "5m ago")
        #expect(RelativeTime.describe(now.addingTimeInterval(-7200), now: now) == "2h ago")
        #expect(RelativeTime.describe(now.addingTimeInterval(-3 * 86_400), now: now) == "3d ago")
        #expect(RelativeTime.describe(now.addingTimeInterval(-30 * 86_400), now: now) == "2026-10-28")
        #expect(RelativeTime.describe(now.addingTimeInterval(30), now: now) == "now")
    }

    @Test func rfc3339WithAndWithoutFractions() {
        #expect(RelativeTime.parse("2026-11-27T11:55:00Z") == now.addingTimeInterval(-300))
        #expect(RelativeTime.parse("2026-11-27T11:55:00.250Z") == now.addingTimeInterval(-299.75))
        #expect(RelativeTime.parse("yesterday") == nil)
        #expect(RelativeTime.describe("yesterday", now: now) == "yesterday")
    }

    @Test func presence() {
        #expect(RelativeTime.presence(online: true, lastSeen: nil, now: now) == "Online")
        #expect(RelativeTime.presence(online: false, lastSeen: ago(300), now: now) == "Active 5m ago")
        #expect(RelativeTime.presence(online: false, lastSeen: ago(10), now: now) == "Active now")
        #expect(RelativeTime.presence(online: false, lastSeen: nil, now: now) == "Offline")
    }

    @Test func tablesAlignWithoutTrailingSpaces() {
        let table = Table(
            headers: ["NAME", "ID"],
            rows: [[.init("Ada Lovelace"), .init("u1")], [.init("Bob"), .init("u2")]])
        #expect(table.render(style: .plain) == "NAME          ID\nAda Lovelace  u1\nBob           u2")
    }

    @Test func colourNeverShiftsColumns() {
        let colored = Style(colored: true)
        let table = Table(
            headers: [], rows: [[.init("Ada", paint: colored.ink), .init("x")], [.init("Bo"), .init("y")]])
        let lines = table.render(style: colored).split(separator: "\n").map(String.init)
        #expect(lines[0] == colored.ink("Ada") + "  x")
        #expect(lines[1] == "Bo   y")
    }

    /// A sent message with no reactions, reply or attachment.
    static func message(
        id: String, senderId: String, text: String, createdAt: String, state: MessageView.State = .sent
    ) -> MessageView {
        MessageView(
            id: id, conversationId: "c", senderId: senderId, text: text, reactions: [], createdAt: createdAt,
            deleted: false, seen: false, state: state)
    }

    @Test func usersTable() {
        let users = [
            UserView(id: "u1", fullname: "Ada Lovelace", bio: "", online: true, lastSeen: ago(0), unread: 2),
            UserView(id: "u2", fullname: "Bob", bio: "", online: false, lastSeen: ago(300), unread: 0),
        ]
        #expect(
            plain.users(users) == """
                NAME          PRESENCE       UNREAD  ID
                Ada Lovelace  Online         2       u1
                Bob           Active 5m ago          u2
                """)
        #expect(plain.users([]) == "No people yet.")
    }

    @Test func chatsTable() {
        let chats = [
            ConversationView(
                id: "c1", isGroup: true, name: "Team", members: ["u1", "u2"], unread: 3, muted: true, removed: false,
                lastMessage: Self.message(id: "m1", senderId: "u2", text: "Ship it", createdAt: ago(120))),
            ConversationView(
                id: "c2", isGroup: false, name: "Bob", members: ["u1", "u2"], unread: 0, muted: false, removed: false),
        ]
        #expect(
            plain.conversations(chats) == """
                CHAT            UNREAD  WHEN    LAST MESSAGE  ID
                # Team (muted)  3       2m ago  Ship it       c1
                Bob                                           c2
                """)
    }

    @Test func groupsYouLeftAreMarked() {
        let chats = [
            ConversationView(
                id: "c1", isGroup: true, name: "Team", members: ["u2"], unread: 0, muted: false, removed: true)
        ]
        #expect(plain.conversations(chats).contains("# Team (not a member)"))
    }

    @Test func devicesMarkThisOneAndTheNotYetReady() {
        let devices = [
            DeviceView(id: "d1", current: true, canReceive: true),
            DeviceView(id: "d2", current: false, canReceive: false),
        ]
        #expect(
            plain.devices(devices) == """
                DEVICE          STATE                 ID
                this device                           d1
                another device  not ready to receive  d2
                """)
    }

    @Test func imagesSayWhereTheyAre() {
        var message = Self.message(id: "m1", senderId: "u2", text: "the chart", createdAt: ago(5))
        message.attachment = AttachmentView(size: 2048, mime: "image/png", width: 8, height: 6, path: "/media/m1.png")
        #expect(
            plain.message(message) == """
                now  u2  [image] the chart  m1
                  image /media/m1.png (8×6, 2.0 KB)
                """)
    }

    @Test func messageLines() {
        var formatter = plain
        formatter.names = ["u2": "Bob"]
        formatter.selfID = "u1"
        var reply = Self.message(id: "m2", senderId: "u1", text: "Yes!", createdAt: ago(60), state: .pending)
        reply.replyTo = "m1"
        reply.reactions = [ReactionView(emoji: "👍", count: 2, mine: true)]
        reply.editedAt = ago(30)
        var deleted = Self.message(id: "m3", senderId: "u2", text: "", createdAt: ago(5))
        deleted.deleted = true
        let page = [Self.message(id: "m1", senderId: "u2", text: "Lunch?", createdAt: ago(600)), reply, deleted]
        #expect(
            formatter.messages(page) == """
                10m ago  Bob  Lunch?  m1
                  ↳ Bob: Lunch?
                1m ago  You  Yes! (edited)  👍 2  [queued]  m2
                now  Bob  message deleted  m3
                """)
    }

    @Test func highlightsPlainUseBrackets() {
        #expect(
            OutputFormatter.highlighted("the budget is due", ranges: [4..<10], style: .plain) == "the [budget] is due")
        #expect(OutputFormatter.highlighted("aaa", ranges: [0..<1, 2..<3], style: .plain) == "[a]a[a]")
        // Overlapping and out-of-range ranges are merged and clamped.
        #expect(OutputFormatter.highlighted("abcdef", ranges: [3..<99, 1..<4], style: .plain) == "a[bcdef]")
        #expect(OutputFormatter.highlighted("abc", ranges: [5..<9], style: .plain) == "abc")
        #expect(OutputFormatter.highlighted("café au lait", ranges: [0..<4], style: .plain) == "[café] au lait")
        // Offsets count Unicode scalars (spec of `messages.search`): 👩‍💻 is three of them.
        #expect(OutputFormatter.highlighted("👩‍💻 budget", ranges: [4..<10], style: .plain) == "👩‍💻 [budget]")
    }

    @Test func highlightsColouredUseBoldUnderline() {
        let text = OutputFormatter.highlighted("a budget", ranges: [2..<8], style: Style(colored: true))
        #expect(text == "a \u{1B}[1;4mbudget\u{1B}[22;24m")
    }

    @Test func searchHits() {
        var formatter = plain
        formatter.names = ["u2": "Bob"]
        let hits = [
            SearchResultView(
                message: Self.message(id: "m1", senderId: "u2", text: "Budget review at 3", createdAt: ago(7200)),
                highlights: [[0, 6]])
        ]
        #expect(formatter.searchHits(hits) == "2h ago  Bob  [Budget] review at 3  m1")
        #expect(formatter.searchHits([]) == "No matches.")
    }

    @Test func colourDecision() {
        #expect(Style.shouldColor(isTerminal: true, environment: [:], noColorFlag: false))
        #expect(!Style.shouldColor(isTerminal: false, environment: [:], noColorFlag: false))
        #expect(!Style.shouldColor(isTerminal: true, environment: ["NO_COLOR": "1"], noColorFlag: false))
        #expect(Style.shouldColor(isTerminal: true, environment: ["NO_COLOR": ""], noColorFlag: false))
        #expect(!Style.shouldColor(isTerminal: true, environment: [:], noColorFlag: true))
        #expect(!Style.shouldColor(isTerminal: true, environment: ["TERM": "dumb"], noColorFlag: false))
    }

    @Test func plainStyleHasNoEscapes() {
        let ada = AccountView(
            id: "u1", email: "ada@example.com", fullname: "Ada", bio: "", server: "http://127.0.0.1:5000")
        let status = StatusView(
            version: "0.1.0", locked: false, account: ada,
            connection: ConnectionView(state: .online, server: "http://127.0.0.1:5000"), outboxPending: 0,
            cache: CacheStats(messages: 12, conversations: 3, bytes: 1536))
        let text = plain.status(status)
        #expect(!text.contains("\u{1B}"))
        #expect(
            text == """
                Daemon     dialogued 0.1.0
                Key store  unlocked
                Account    Ada <ada@example.com>
                Server     online · http://127.0.0.1:5000
                Outbox     0 pending
                Cache      12 messages · 3 conversations · 1.5 KB
                """)
        #expect(OutputFormatter(style: Style(colored: true), now: now).status(status).contains("\u{1B}["))
        // A device signed in but not linked says what to do.
        var unlinked = status
        unlinked.account?.needsLink = true
        #expect(plain.status(unlinked).contains("Device     not linked yet: run `dialogue link` here"))
    }

    @Test func safetyNumberInGroups() {
        let digits = (0..<60).map { String($0 % 10) }.joined()
        let text = plain.safetyNumber(SafetyNumberView(number: digits, verified: false), for: "Bob")
        let lines = text.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[1] == "  01234 56789 01234 56789")
        #expect(lines[4].hasPrefix("Not verified"))
    }

    @Test func typingLine() {
        #expect(OutputFormatter.typingLine(["Ada"]) == "Ada is typing...")
        #expect(OutputFormatter.typingLine(["Ada", "Bob"]) == "Ada, Bob are typing...")
    }

    @Test func byteCounts() {
        #expect(OutputFormatter.byteCount(512) == "512 B")
        #expect(OutputFormatter.byteCount(1536) == "1.5 KB")
        #expect(OutputFormatter.byteCount(5 * 1024 * 1024) == "5.0 MB")
    }
}
