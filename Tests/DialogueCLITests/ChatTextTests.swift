import Testing

@testable import DialogueCLI

/// Terminal cell widths, cutting and wrapping.
@Suite("Chat text")
struct ChatTextTests {
    @Test(arguments: [
        ("abc", 3), ("日本", 4), ("👍", 2), ("❤️", 2), ("👩‍💻", 2), ("🇫🇷", 2), ("e\u{301}", 1), ("Ａ", 2), ("한글", 4),
        ("", 0), ("\u{200B}", 0), ("·…›", 3),
    ])
    func widths(text: String, cells: Int) {
        #expect(ChatText.width(of: text) == cells)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(ChatText.truncated("hello world", to: 8) == "hello w…")
        #expect(ChatText.truncated("hello", to: 5) == "hello")
        #expect(ChatText.truncated("日本語テキスト", to: 6) == "日本…")
        #expect(ChatText.truncated("abc", to: 0) == "")
        #expect(ChatText.fitted("日本語", to: 5) == "日本 ")
        #expect(ChatText.fitted("ab", to: 4) == "ab  ")
    }

    @Test func wrappingBreaksAtSpacesAndInsideLongWords() {
        #expect(ChatText.wrapped("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(ChatText.wrapped("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(ChatText.wrapped("日本語のテキスト", width: 5) == ["日本", "語の", "テキ", "スト"])
        #expect(ChatText.wrapped("one\ntwo", width: 10) == ["one", "two"])
        #expect(ChatText.wrapped("", width: 10) == [""])
        let lines = ChatText.wrapped("a 👍👍👍 b", width: 4)
        #expect(lines.allSatisfy { ChatText.width(of: $0) <= 4 })
        #expect(lines.joined().filter { $0 == "👍" }.count == 3)
    }

    @Test func sanitizingDropsControlsAndBidiOverrides() {
        #expect(ChatText.sanitized("a\u{1B}[31mb\u{07}c\u{202E}d") == "a[31mbcd")
        #expect(ChatText.sanitized("tab\there") == "tab here")
        #expect(ChatText.sanitized("one\ntwo") == "one two")
        #expect(ChatText.sanitized("one\r\ntwo", keepNewlines: true) == "one\ntwo")
        #expect(ChatText.sanitized("emoji 👩‍💻 stays") == "emoji 👩‍💻 stays")
    }
}
