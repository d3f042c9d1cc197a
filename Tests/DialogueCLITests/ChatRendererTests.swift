import DialogueRPC
import Foundation
import Testing

@testable import DialogueCLI

/// The chat's screen as golden lines: plain style, fixed `now`, exact rows.
@Suite("Chat renderer")
struct ChatRendererTests {
    typealias F = ChatFixture
    let renderer = ChatRenderer(style: .plain, now: F.now)

    /// Bob's chat with a quoted reply, reactions, an edit, a deletion, a queued message, Bob typing,
    /// and a draft in the composer.
    static func busy() -> ChatModel {
        var model = F.open()
        let events: [JSONValue] = [
            F.message(
                "m3", "Great, the terminal chat works at 80x24 even with long lines that need wrapping.", ago: 420,
                extra: [
                    "replyTo": "m2",
                    "reactions": [
                        ["emoji": "👍", "count": 2, "mine": true], ["emoji": "🎉", "count": 1, "mine": false],
                    ],
                ]),
            F.message("m4", from: "u1", "Edited text", ago: 120, extra: ["editedAt": F.time(60)]),
            F.message("m5", "", ago: 90, extra: ["deleted": true]),
            F.message("s1", from: "u1", "On my way", ago: 30, extra: ["state": "pending"]),
        ]
        for event in events { _ = model.reduce(F.notification("message.new", event)) }
        _ = model.reduce(F.notification("typing", ["conversationId": "c3", "userIds": ["u2"]]))
        _ = F.press(&model, F.typed("Draft reply"))
        return model
    }

    static func wide() -> ChatModel {
        var model = ChatModel()
        _ = model.reduce(
            .response(
                .me,
                .success([
                    "id": "u1", "email": "ada@example.org", "fullname": "Ada", "bio": "",
                    "server": "http://127.0.0.1:5000",
                ])))
        _ = model.reduce(
            .response(
                .users,
                .success([
                    ["id": "u9", "fullname": "山田 太郎", "bio": "", "online": true, "lastSeen": nil, "unread": 12]
                ])))
        _ = model.reduce(
            .response(
                .conversations,
                .success([
                    [
                        "id": "c9", "isGroup": false, "name": "山田 太郎", "members": ["u1", "u9"], "unread": 12,
                        "muted": false, "removed": false,
                        "lastMessage": F.message("w1", in: "c9", from: "u9", "日本語のメッセージです", ago: 60),
                    ],
                    [
                        "id": "c8", "isGroup": true, "name": "🎉 Party planning", "members": ["u1"], "unread": 0,
                        "muted": true, "removed": false,
                    ],
                ])))
        _ = F.press(&model, [.enter])
        _ = model.reduce(
            .response(
                .messages(conversationID: "c9", older: false),
                .success([
                    F.message("w1", in: "c9", from: "u9", "日本語のメッセージです。とても長い文章を折り返します。", ago: 60),
                    F.message(
                        "w2", in: "c9", from: "u1", "Emoji 👩‍💻 and ❤️ and e\u{301} fit", ago: 30,
                        extra: ["reactions": [["emoji": "❤️", "count": 1, "mine": false]]]),
                ])))
        return model
    }

    /// The whole screen at 80x24: list, conversation, typing, composer, key hints.
    @Test func goldenAt80x24() {
        let frame = renderer.render(Self.busy(), width: 80, height: 24)
        let expected = [
            " Dialogue · Bob Stone                                          ● online  ? help ",
            " Chats                  │ Bob Stone · Online                                    ",
            "›● Bob Stone            │                                                       ",
            "   You: On my way       │                                                       ",
            " # Team               2 │                                                       ",
            "   Cleo Park: Standup m…│ Bob Stone  10m ago                                    ",
            "                        │   Hi Ada, are you there?                              ",
            "                        │ You  9m ago                                           ",
            "                        │   Yes, setting up the chat.                           ",
            "                        │ Bob Stone  7m ago                                     ",
            "                        │   ↳ You: Yes, setting up the chat.                    ",
            "                        │   Great, the terminal chat works at 80x24 even with   ",
            "                        │   long lines that need wrapping.                      ",
            "                        │   👍 2  🎉 1                                          ",
            "                        │ You  2m ago                                           ",
            "                        │   Edited text (edited)                                ",
            "                        │ Bob Stone  1m ago                                     ",
            "                        │   message deleted                                     ",
            "                        │ You  now                                              ",
            "                        │   On my way · queued                                  ",
            "                        │ Bob Stone is typing...                                ",
            "                                                                                ",
            " › Draft reply                                                                  ",
            " Enter send  Esc back  Tab switch  Ctrl-C quit                                  ",
        ]
        #expect(frame.lines == expected)
        #expect(frame.cursor == ChatFrame.Cursor(row: 22, column: 14))
    }

    /// Narrower than two panes: only the conversation while the composer has the keys.
    @Test func goldenWhenNarrow() {
        let frame = renderer.render(Self.busy(), width: 50, height: 16)
        let expected = [
            " Dialogue · Bob Stone            ● online  ? help ",
            " Bob Stone · Online                               ",
            "   ↳ You: Yes, setting up the chat.               ",
            "   Great, the terminal chat works at 80x24 even   ",
            "   with long lines that need wrapping.            ",
            "   👍 2  🎉 1                                     ",
            " You  2m ago                                      ",
            "   Edited text (edited)                           ",
            " Bob Stone  1m ago                                ",
            "   message deleted                                ",
            " You  now                                         ",
            "   On my way · queued                             ",
            " Bob Stone is typing...                           ",
            "                                                  ",
            " › Draft reply                                    ",
            " Enter send  Esc back  Tab switch  Ctrl-C quit    ",
        ]
        #expect(frame.lines == expected)
        var list = Self.busy()
        _ = F.press(&list, [.tab])
        let listFrame = renderer.render(list, width: 40, height: 12)
        #expect(listFrame.lines[1] == " Chats                                  ")
        #expect(listFrame.lines[2] == "›● Bob Stone                            ")
        // The composer is not focused, so the cursor is hidden.
        #expect(listFrame.cursor == nil)
    }

    /// CJK text takes two cells per character, emoji (with ZWJ and presentation selectors) two,
    /// combining marks none; nothing is split inside a wide character.
    @Test func goldenWithWideCharacters() {
        let frame = renderer.render(Self.wide(), width: 60, height: 12)
        let expected = [
            " Dialogue · 山田 太郎                                ? help ",
            " Chats              │ 山田 太郎 · Online                    ",
            "›● 山田 太郎        │                                       ",
            "   日本語のメッセー…│ 山田 太郎  1m ago                     ",
            " # 🎉 Party planning│   日本語のメッセージです。とても長い文",
            "   muted            │   章を折り返します。                  ",
            "                    │ You  now                              ",
            "                    │   Emoji 👩‍💻 and ❤️ and é fit           ",
            "                    │   ❤️ 1                                ",
            "                                                            ",
            " › write a message, Enter sends                             ",
            " Enter send  Esc back  Tab switch  Ctrl-C quit              ",
        ]
        #expect(frame.lines == expected)
    }

    /// The slide-out assistant panel while an answer streams in.
    @Test func goldenAssistantPanelStreaming() {
        var model = Self.busy()
        _ = F.press(&model, [.escape, .character("a"), .character("1")])
        _ = model.reduce(.response(.ask(prompt: ChatAssistant.starters[0]), .success(["requestId": "r1"])))
        _ = model.reduce(
            F.notification("bot.token", ["requestId": "r1", "text": "Each message is sealed on your device."]))
        let frame = renderer.render(model, width: 80, height: 24)
        let expected = [
            " Dialogue · Bob Stone                                          ● online  ? help ",
            " Bob Stone · Online                            │ Dialogue Bot · writing…        ",
            "                                               │ You                            ",
            "                                               │ How does end-to-end encryption ",
            "                                               │ keep my messages private?      ",
            " Bob Stone  10m ago                            │                                ",
            "   Hi Ada, are you there?                      │ Dialogue Bot                   ",
            " You  9m ago                                   │ Each message is sealed on your ",
            "   Yes, setting up the chat.                   │ device.▍                       ",
            " Bob Stone  7m ago                             │                                ",
            "   ↳ You: Yes, setting up the chat.            │                                ",
            "   Great, the terminal chat works at 80x24 even│                                ",
            "   with long lines that need wrapping.         │                                ",
            "   👍 2  🎉 1                                  │                                ",
            " You  2m ago                                   │                                ",
            "   Edited text (edited)                        │                                ",
            " Bob Stone  1m ago                             │                                ",
            "   message deleted                             │                                ",
            " You  now                                      │                                ",
            "   On my way · queued                          │                                ",
            " Bob Stone is typing...                        │                                ",
            " Dialogue Bot is writing…                                                       ",
            " Ask › type a question                                                          ",
            " Enter ask  Esc close  Ctrl-C quit                                              ",
        ]
        #expect(frame.lines == expected)
        #expect(frame.cursor == ChatFrame.Cursor(row: 22, column: 7))
    }

    @Test func theStarterPromptsShowInAnEmptyAssistant() {
        var model = Self.busy()
        _ = F.press(&model, [.escape, .character("a")])
        let lines = renderer.render(model, width: 80, height: 24).lines
        #expect(lines[5].hasSuffix("│ 1 How does end-to-end          "))
        #expect(lines[8].hasSuffix("│ 2 How do I create a group and  "))
        #expect(lines[10].hasSuffix("│ 3 What can I do in Dialogue    "))
    }

    @Test func thePickerShowsTheQuickReactions() {
        var model = Self.busy()
        _ = F.press(&model, [.escape, .up, .up, .character("+"), .right])
        let lines = renderer.render(model, width: 80, height: 12).lines
        #expect(lines[9] == " React  1👍 [2❤️] 3😂  4😮  5😢  6🙏                 Enter reacts · Esc cancels ")
        // The message being reacted to is marked in the gutter.
        #expect(lines[7] == "                        │▌  Edited text (edited)                                ")
    }

    @Test func theHelpOverlayListsTheKeys() {
        var model = Self.busy()
        _ = F.press(&model, [.escape, .character("?")])
        let lines = renderer.render(model, width: 80, height: 24).lines
        #expect(lines[1].hasPrefix(" Keys"))
        for binding in ChatKeyHelp.bindings {
            #expect(lines.contains { $0.hasPrefix(" " + binding.keys) && $0.contains(binding.action) }, "\(binding)")
        }
    }

    @Test func aTinyTerminalAsksToGrow() {
        let frame = renderer.render(Self.busy(), width: 15, height: 4)
        let expected = [
            "Dialogue: make ",
            "the terminal at",
            "least 20x5.    ",
            "               ",
        ]
        #expect(frame.lines == expected)
        #expect(frame.cursor == nil)
        #expect(renderer.render(Self.busy(), width: 0, height: 0).lines.isEmpty)
    }

    /// Whatever the size and state, every row is exactly as wide as the terminal and there is
    /// one row per line.
    @Test(arguments: [(80, 24), (120, 40), (60, 20), (59, 20), (50, 16), (30, 8), (20, 5), (21, 7), (12, 3), (1, 1)])
    func everyRowFitsTheTerminal(width: Int, height: Int) {
        var models = [Self.busy(), Self.wide(), F.loaded(), ChatModel()]
        var assistant = Self.busy()
        _ = F.press(&assistant, [.escape, .character("a")])
        var search = Self.busy()
        _ = F.press(&search, [.escape, .character("/")] + F.typed("a very long query that will not fit"))
        var help = Self.busy()
        _ = F.press(&help, [.tab, .character("?")])
        models += [assistant, search, help]
        for model in models {
            let frame = renderer.render(model, width: width, height: height)
            #expect(frame.lines.count == height)
            let widths = frame.lines.map { ChatText.width(of: $0) }
            #expect(widths.allSatisfy { $0 == width }, "\(widths) at \(width)x\(height)")
            if let cursor = frame.cursor {
                #expect(cursor.row < height && cursor.column < width)
            }
        }
    }

    @Test func colourUsesThePaletteAndNoColorIsPlain() {
        let colored = ChatRenderer(style: Style(colored: true), now: F.now).render(Self.busy(), width: 80, height: 24)
        #expect(colored.lines[0].hasPrefix("\u{1B}[1;38;2;236;236;236;48;2;47;93;168m Dialogue"))
        #expect(colored.lines[1].contains("\u{1B}[1;38;2;74;124;212m"))
        let plain = renderer.render(Self.busy(), width: 80, height: 24)
        #expect(!plain.lines.joined().contains("\u{1B}"))
    }

    /// Escape sequences inside a message never reach the terminal.
    @Test func controlCharactersInMessagesAreDropped() {
        var model = F.open()
        _ = model.reduce(
            F.notification("message.new", F.message("e1", "evil\u{1B}]0;pwned\u{07}\u{1B}[2Jtext\u{202E}", ago: 0)))
        let lines = renderer.render(model, width: 80, height: 24).lines
        #expect(!lines.joined().contains("\u{1B}"))
        #expect(lines.contains { $0.contains("evil]0;pwned[2Jtext") })
    }

    /// The search results replace the conversation, newest hit first.
    @Test func searchResultsShowWhereEachHitIs() {
        var model = Self.busy()
        _ = F.press(&model, [.escape, .character("/")] + F.typed("standup") + [.enter])
        let hit = F.message("g1", in: "c1", from: "u3", "Standup moved to 10:00", ago: 3600)
        _ = model.reduce(.response(.search(query: "standup"), .success([["message": hit, "highlights": [[0, 7]]]])))
        let lines = renderer.render(model, width: 80, height: 24).lines
        #expect(lines[1] == ChatText.padded(" Search · 1 match for “standup”", to: 80))
        #expect(lines[2] == ChatText.padded("›Team · Cleo Park  1h ago", to: 80))
        #expect(lines[3] == ChatText.padded("   Standup moved to 10:00", to: 80))
        #expect(lines[22] == ChatText.padded(" Search › standup", to: 80))
    }
}
