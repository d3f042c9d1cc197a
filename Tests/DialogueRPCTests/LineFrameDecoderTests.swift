import DialogueRPCTransport
import NIOCore
import Testing

@Suite("Line framing")
struct LineFrameDecoderTests {
    /// Feeds `chunks` one by one, as separate reads, and collects every frame (EOF after the last chunk).
    static func frames(_ chunks: [String], limit: Int = 16) throws -> [String] {
        var decoder = LineFrameDecoder(maximumLineLength: limit)
        var buffer = ByteBuffer()
        var frames: [String] = []
        func describe(_ frame: LineFrame) -> String {
            switch frame {
            case .line(let line): return String(buffer: line)
            case .oversized: return "<oversized>"
            case .parsed(let json): return "<parsed \(json.serialized())>"
            }
        }
        for chunk in chunks {
            buffer.writeString(chunk)
            while let frame = try decoder.decode(buffer: &buffer) { frames.append(describe(frame)) }
        }
        while let frame = try decoder.decodeLast(buffer: &buffer, seenEOF: true) { frames.append(describe(frame)) }
        return frames
    }

    @Test("splits lines across and within reads")
    func splitting() throws {
        #expect(try Self.frames(["a\nb", "c\n", "d\ne\n"]) == ["a", "bc", "d", "e"])
    }

    @Test("drops CR before LF and skips blank lines")
    func crlfAndBlank() throws {
        #expect(try Self.frames(["a\r\n\n  \r\nb\n"]) == ["a", "b"])
    }

    @Test("a last line without a newline still counts at EOF")
    func lastLine() throws {
        #expect(try Self.frames(["a\nb"]) == ["a", "b"])
    }

    @Test("a too-long line is reported once, skipped to its newline, and the next line works")
    func oversized() throws {
        let long = String(repeating: "x", count: 40)
        // Whole in one read, and dribbled across many reads with no newline in sight.
        #expect(try Self.frames([long + "\nok\n"]) == ["<oversized>", "ok"])
        #expect(try Self.frames(Array(repeating: "xxxxxxxx", count: 10) + ["\nok\n"]) == ["<oversized>", "ok"])
        // Exactly at the limit is fine; one byte over is not.
        let exact = String(repeating: "y", count: 16)
        #expect(try Self.frames([exact + "\n", exact + "y\n", "z\n"]) == [exact, "<oversized>", "z"])
        // An unterminated oversized tail at EOF is dropped, not delivered.
        #expect(try Self.frames(["ok\n", long]) == ["ok", "<oversized>"])
    }
}
