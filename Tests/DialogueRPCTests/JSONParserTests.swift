import DialogueRPC
import DialogueTestSupport
import Foundation
import Testing

/// The hand-written parser against RFC 8259's grammar, and against Foundation's parser on the
/// same texts: whatever one accepts the other must accept, with the same reading.
@Suite("JSON parser")
struct JSONParserTests {
    static let valid: [(String, JSONValue)] = [
        ("null", nil), (" true ", true), ("\t\r\nfalse\n", false), ("0", 0), ("-0", 0), ("-12", -12),
        ("1.5", 1.5), ("-0.25e-2", -0.0025), ("2E+3", 2000), ("1e-1", 0.1), ("9223372036854775807", .integer(Int.max)),
        ("-9223372036854775808", .integer(Int.min)), ("\u{FEFF}[1]", [1]), (#""""#, ""),
        (#""\/\b\f\n\r\t\\\"""#, "/\u{08}\u{0C}\n\r\t\\\""),
        (#""\u0041\u00e9\u20ac\uD834\uDD1E""#, "Aé€𝄞"), (#""ü raw ✓""#, "ü raw ✓"), ("[]", []), ("[ ]", []),
        ("{}", [:]), (#"{ "a" : [ 1 , { "b" : null } ] }"#, ["a": [1, ["b": nil]]]),
        (#"{"k":1,"k":2}"#, ["k": 2]),
    ]

    @Test("valid texts", arguments: 0..<Self.valid.count)
    func validText(_ index: Int) throws {
        let (text, expected) = Self.valid[index]
        #expect(try JSONValue(parsing: Data(text.utf8)) == expected, "\(text)")
    }

    static let invalid: [String] = [
        "", " ", "nul", "True", "NaN", "Infinity", "-", "01", "-01", "1.", ".5", "1e", "1e+", "+1", "0x10",
        "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{\"a\"}", "{a:1}", "{'a':1}", "{\"a\" 1}", "[", "]", "{",
        "\"abc", "\"a\tb\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\uD800\"", "\"\\uDC00\"",
        "\"\\uD800\\u0041\"", "1 2", "[1] x", "/* c */ 1", "1e400",
    ]

    /// Where Foundation is laxer than RFC 8259, and this parser is not.
    static let foundationAccepts: Set<String> = ["[1,]", "{\"a\":1,}"]

    @Test("invalid texts are refused", arguments: Self.invalid)
    func invalidText(_ text: String) {
        #expect(throws: DecodingError.self) { try JSONValue(parsing: Data(text.utf8)) }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(throws: DecodingError.self) { try JSONValue(parsing: Data(bytes)) }
        }
    }

    @Test("nesting is limited so a line of brackets cannot exhaust the stack")
    func depth() throws {
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONValue(parsing: Data(deep.utf8)) != nil)
        let tooDeep = String(repeating: "[", count: 100_000)
        #expect(throws: DecodingError.self) { try JSONValue(parsing: Data(tooDeep.utf8)) }
    }

    @Test("agrees with Foundation's parser on valid and invalid texts alike")
    func agreesWithFoundation() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        var texts = Self.valid.map(\.0) + Self.invalid
        for _ in 0..<400 {
            let text = Self.randomValue(&generator, depth: 0).serialized()
            texts.append(text)
            // A mutation: one byte replaced by a character that matters to the grammar.
            var bytes = Array(text.utf8)
            let index = Int(generator.next() % UInt64(bytes.count))
            let grammar = Array(#"{}[],:"\ 0-.eE"#.utf8)
            bytes[index] = grammar[Int(generator.next() % UInt64(grammar.count))]
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        for text in texts {
            let ours = try? JSONValue(parsing: Data(text.utf8))
            let theirs = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect((ours != nil) == (theirs != nil) || Self.foundationAccepts.contains(text), "\(text)")
            if let ours, let theirs {
                // Same reading: Foundation's object re-serialized parses to the same value.
                let again = try JSONSerialization.data(withJSONObject: theirs, options: .fragmentsAllowed)
                #expect(try JSONValue(parsing: again) == ours, "\(text)")
            }
        }
    }

    @Test("round trips random values")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let value = Self.randomValue(&generator, depth: 0)
            #expect(try JSONValue(parsing: Data(value.serializedBytes())) == value)
        }
    }

    static func randomValue(_ generator: inout SeededGenerator, depth: Int) -> JSONValue {
        switch generator.next() % (depth > 3 ? 6 : 8) {
        case 0: return nil
        case 1: return .bool(generator.next() % 2 == 0)
        case 2: return .integer(Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 64))
        // Never integral: an integral double reads back as an integer, by design.
        case 3: return .double(Double(Int64(truncatingIfNeeded: generator.next()) % 100_000) + 0.5)
        case 4, 5:
            let alphabet = Array("aZ09 é✓𝄞\"\\\n\t\u{01}\u{2028}/")
            return .string(
                String(
                    (0..<Int(generator.next() % 12)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    }))
        case 6:
            return .array((0..<Int(generator.next() % 4)).map { _ in randomValue(&generator, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int(generator.next() % 4) {
                members["k\(index)\(generator.next() % 3 == 0 ? "é\"" : "")"] = randomValue(
                    &generator, depth: depth + 1)
            }
            return .object(members)
        }
    }
}
