import Foundation
import Testing

@testable import DialogueCrypto

struct EncodingTests {
    @Test("Strict JSON: duplicate keys, unknown kinds, unknown keys, trailing bytes and floats are refused")
    func strictJSON() {
        let target = String(repeating: "ab", count: 16)
        let cases = [
            #"{"t":"msg","body":"a","body":"b"}"#,
            #"{"t":"poll","body":"a"}"#,
            #"{"t":"msg","body":"a","extra":1}"#,
            #"{"t":"msg","body":"a"} x"#,
            #"{"t":"react","target":"\#(target)","key":"x","on":1.5}"#,
            #"{"t":"del","target":"ABAB"}"#,
            #"{"t":"msg","body":"\ud800"}"#,
            #"[{"t":"msg"}]"#,
            #"{"t":"msg","body":"a","att":[]}"#,
            "",
        ]
        for text in cases {
            expectCode(.invalidPlaintext) { try EventPlaintext(parsing: Array(text.utf8)) }
        }
        let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        expectCode(.invalidPlaintext) { try StrictJSON.parse(Array(deep.utf8)) }
    }

    @Test("Every plaintext kind survives encode then strict parse")
    func plaintextRoundTrip() throws {
        let id = EventID.random()
        let (_, descriptor) = try AttachmentCipher.encrypt([1, 2, 3], blobID: "b1")
        var described = descriptor
        described.mime = "image/jpeg"
        described.width = 640
        described.height = 480
        described.name = "cat \"1\".jpg"
        described.thumbnail = [9, 9, 9]
        let kinds: [EventPlaintext] = [
            .message(body: "line\nbreak \u{1} ✓", reply: id, attachments: [described]),
            .edit(target: id, body: "new"), .delete(target: id), .reaction(target: id, key: "👍", on: false),
        ]
        for kind in kinds {
            #expect(try EventPlaintext(parsing: kind.encoded) == kind)
        }
        #expect(
            try EventPlaintext(parsing: Array(#" { "body" : "\u00e9\ud83d\ude00" , "t" : "msg" } "#.utf8))
                == .text("é😀"))
    }

    @Test("Base32 link codes: 52 characters, case-insensitive, canonical tail")
    func base32() throws {
        let secret = LinkSecret()
        #expect(secret.code.count == 52)
        #expect(try LinkSecret(code: secret.code.lowercased()).bytes == secret.bytes)
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        var code = Array(secret.code)
        code[51] = code[51] == "Z" ? "Y" : "Z"
        // Changing the last character either breaks the canonical tail or yields different bytes.
        let changed = try? LinkSecret(code: String(code))
        #expect(changed?.bytes != secret.bytes)
        expectCode(.invalidEncoding) { try LinkSecret(code: String(secret.code.dropLast())) }
        expectCode(.invalidEncoding) { try LinkSecret(code: String(repeating: "1", count: 52)) }
    }

    @Test("Byte reader refuses oversized counts and vectors before reading them")
    func readerLimits() {
        var writer = ByteWriter()
        writer.u32(1000)
        var reader = ByteReader(writer.bytes)
        expectCode(.lengthTooLarge) { try reader.count(limit: 10) }
        var vecReader = ByteReader(writer.bytes)
        expectCode(.lengthTooLarge) { try vecReader.vec(limit: 999) }
        var truncatedReader = ByteReader(writer.bytes)
        expectCode(.truncated) { try truncatedReader.vec(limit: 1000) }
        expectCode(.invalidEncoding) { try Hex.decode("0G") }
        expectCode(.invalidEncoding) { try Hex.decode("AB") }
        expectCode(.lengthTooLarge) { try UserID(String(repeating: "x", count: 65)) }
        expectCode(.lengthTooLarge) { try UserID("") }
    }
}
