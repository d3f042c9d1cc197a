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

    @Test func usersTable() {
        let users: JSONValue = [
            [
                "id": "u1", "fullname": "Ada Lovelace", "bio": "", "online": true, "lastSeen": .string(ago(0)),
                "unread": 2,
            ],
            ["id": "u2", "fullname": "Bob", "bio": "", "online": false, "lastSeen": .string(ago(300)), "unread": 0],
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
        let chats: JSONValue = [
            [
                "id": "c1", "isGroup": true, "name": "Team", "members": ["u1", "u2"], "unread": 3, "muted": true,
                "lastMessage": [
                    "id": "m1", "text": "Ship it", "createdAt": .string(ago(120)), "deleted": false, "senderId": "u2",
                ],
            ],
            ["id": "c2", "isGroup": false, "name": "Bob", "members": ["u1", "u2"], "unread": 0, "muted": false],
        ]
        #expect(
            plain.conversations(chats) == """
                CHAT            UNREAD  WHEN    LAST MESSAGE  ID
                # Team (muted)  3       2m ago  Ship it       c1
                Bob                                           c2
                """)
    }

    @Test func groupsYouLeftAreMarked() {
        let chats: JSONValue = [
            [
                "id": "c1", "isGroup": true, "name": "Team", "members": ["u2"], "unread": 0, "muted": false,
                "removed": true,
            ]
        ]
        #expect(plain.conversations(chats).contains("# Team (not a member)"))
    }

    @Test func devicesWithoutNames() {
        let devices: JSONValue = [
            ["id": "d1", "current": true, "canReceive": true], ["id": "d2", "name": "Laptop", "current": false],
        ]
        #expect(
            plain.devices(devices) == """
                DEVICE       ADDED  ID
                this device         d1
                Laptop              d2
                """)
    }

    @Test func imagesSayWhereTheyAre() {
        let message: JSONValue = [
            "id": "m1", "conversationId": "c", "senderId": "u2", "text": "the chart", "reactions": [],
            "createdAt": .string(ago(5)), "deleted": false, "seen": false, "state": "sent",
            "attachment": ["mime": "image/png", "width": 8, "height": 6, "size": 2048, "path": "/media/m1.png"],
        ]
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
        let page: JSONValue = [
            [
                "id": "m1", "conversationId": "c", "senderId": "u2", "text": "Lunch?", "reactions": [],
                "createdAt": .string(ago(600)), "deleted": false, "seen": true, "state": "sent",
            ],
            [
                "id": "m2", "conversationId": "c", "senderId": "u1", "text": "Yes!", "replyTo": "m1",
                "reactions": [["emoji": "👍", "count": 2, "mine": true]], "createdAt": .string(ago(60)),
                "editedAt": .string(ago(30)), "deleted": false, "seen": false, "state": "pending",
            ],
            [
                "id": "m3", "conversationId": "c", "senderId": "u2", "text": "", "reactions": [],
                "createdAt": .string(ago(5)), "deleted": true, "seen": false, "state": "sent",
            ],
        ]
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
        let hits: JSONValue = [
            [
                "message": [
                    "id": "m1", "senderId": "u2", "text": "Budget review at 3", "createdAt": .string(ago(7200)),
                    "deleted": false, "state": "sent", "reactions": [],
                ],
                "highlights": [[0, 6]],
            ]
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
        let status: JSONValue = [
            "version": "0.1.0", "locked": false,
            "account": ["id": "u1", "email": "ada@example.com", "fullname": "Ada", "bio": ""],
            "connection": ["state": "online", "server": "http://127.0.0.1:5000"], "outboxPending": 0,
            "cache": ["messages": 12, "conversations": 3, "bytes": 1536],
        ]
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
        let unlinked: JSONValue = [
            "version": "0.1.0", "locked": false,
            "account": ["id": "u1", "email": "ada@example.com", "fullname": "Ada", "bio": "", "needsLink": true],
        ]
        #expect(plain.status(unlinked).contains("Device     not linked yet: run `dialogue link` here"))
    }

    @Test func safetyNumberInGroups() {
        let digits = (0..<60).map { String($0 % 10) }.joined()
        let text = plain.safetyNumber(
            JSONValue.object(["number": .string(digits), "verified": .bool(false)]), for: "Bob")
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
