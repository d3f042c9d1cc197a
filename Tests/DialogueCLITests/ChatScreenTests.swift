import Testing

@testable import DialogueCLI

/// The diff-based redraw: only changed rows are written.
@Suite("Chat screen")
struct ChatScreenTests {
    @Test func theFirstFrameRepaintsAndLaterOnlyChangedRows() {
        var screen = ChatScreen()
        let first = screen.update(to: ChatFrame(lines: ["aaa", "bbb", "ccc"], cursor: nil), width: 3, height: 3)
        #expect(first.contains("\u{1B}[2J"))
        #expect(first.contains("\u{1B}[1;1H\u{1B}[2Kaaa"))
        #expect(first.contains("\u{1B}[3;1H\u{1B}[2Kccc"))
        #expect(first.hasPrefix("\u{1B}[?25l"))
        #expect(!first.contains("\u{1B}[?25h"))

        let second = screen.update(
            to: ChatFrame(lines: ["aaa", "bXb", "ccc"], cursor: .init(row: 1, column: 2)), width: 3, height: 3)
        #expect(!second.contains("\u{1B}[2J"))
        #expect(second.contains("\u{1B}[2;1H\u{1B}[2KbXb"))
        #expect(!second.contains("aaa"))
        #expect(!second.contains("ccc"))
        #expect(second.hasSuffix("\u{1B}[2;3H\u{1B}[?25h"))

        let resized = screen.update(to: ChatFrame(lines: ["aaaa", "bXbb"], cursor: nil), width: 4, height: 2)
        #expect(resized.contains("\u{1B}[2J"))
        #expect(resized.contains("aaaa"))

        screen.invalidate()
        let again = screen.update(to: ChatFrame(lines: ["aaaa", "bXbb"], cursor: nil), width: 4, height: 2)
        #expect(again.contains("\u{1B}[2J"))
    }
}
