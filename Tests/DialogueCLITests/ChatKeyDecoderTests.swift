import Testing

@testable import DialogueCLI

/// Terminal bytes to keys, including sequences split across reads.
@Suite("Chat key decoder")
struct ChatKeyDecoderTests {
    func decode(_ text: String) -> [ChatKey] {
        var decoder = ChatKeyDecoder()
        return decoder.feed(Array(text.utf8)) + decoder.flush()
    }

    @Test func printableAndControlKeys() {
        #expect(decode("hi") == [.character("h"), .character("i")])
        #expect(decode("\r\t\u{7F}\u{03}\u{01}") == [.enter, .tab, .backspace, .control("c"), .control("a")])
        #expect(decode("é日👍🏽") == [.character("é"), .character("日"), .character("👍🏽")])
    }

    @Test func escapeSequences() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(decode("\u{1B}OA\u{1B}OH\u{1B}[F") == [.up, .home, .end])
        #expect(decode("\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[1~\u{1B}[4~") == [.delete, .pageUp, .pageDown, .home, .end])
        #expect(decode("\u{1B}[Z\u{1B}[1;5A") == [.backTab, .up])
        // Escape followed at once by a key is two keys, not an Alt chord.
        #expect(decode("\u{1B}q") == [.escape, .character("q")])
        #expect(decode("\u{1B}") == [.escape])
        // Unknown sequences are swallowed whole.
        #expect(decode("\u{1B}[99xz") == [.character("z")])
    }

    @Test func sequencesSplitAcrossReadsWaitForTheirRest() {
        var decoder = ChatKeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPending)
        #expect(decoder.feed(Array("[".utf8)) == [])
        #expect(decoder.feed(Array("A".utf8)) == [.up])
        let heart = Array("❤".utf8)
        #expect(decoder.feed(heart[0..<2]) == [])
        #expect(decoder.feed(heart[2...]) == [.character("❤")])
        #expect(!decoder.hasPending)
        // A lone ESC becomes the Escape key when the reader gives up waiting.
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.flush() == [.escape])
    }

    @Test func bracketedPasteArrivesAsOneString() {
        var decoder = ChatKeyDecoder()
        let keys = decoder.feed(Array("\u{1B}[200~line one\nline two\u{1B}[2".utf8))
        #expect(keys.isEmpty)
        #expect(decoder.flush().isEmpty)
        #expect(decoder.feed(Array("01~x".utf8)) == [.paste("line one\nline two"), .character("x")])
    }
}
