import DialogueRPC
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("parsing keeps integers, doubles, Booleans and nesting apart")
    func parsing() throws {
        let value = try JSONValue(parsing: Data(#"{"i":1,"d":1.5,"b":true,"n":null,"s":"x","a":[1,"2",false]}"#.utf8))
        #expect(value == ["i": 1, "d": 1.5, "b": true, "n": nil, "s": "x", "a": [1, "2", false]])
        #expect(value["i"] == .integer(1))
        #expect(value["b"] == .bool(true))
        #expect(try JSONValue(parsing: Data("12345678901234".utf8)) == .integer(12_345_678_901_234))
        // The same readings as the Decodable path: an integral fraction is an integer, 0 and 1 are
        // not Booleans, a number past Int is a double, escapes and surrogate pairs decode.
        #expect(try JSONValue(parsing: Data("[3.0, 1e2, 0, 1, false]".utf8)) == [3, 100, 0, 1, false])
        #expect(try JSONValue(parsing: Data("18446744073709551615".utf8)) == .double(18_446_744_073_709_551_616))
        #expect(try JSONValue(parsing: Data(#""a\"b\u00e9\ud83c\udf0d""#.utf8)) == "a\"b\u{e9}\u{1f30d}")
        for bad in ["{", #"{"a" 1}"#, "nul", #""unterminated"#, #"{"a":1} x"#, ""] {
            #expect(throws: DecodingError.self, "\(bad)") { try JSONValue(parsing: Data(bad.utf8)) }
        }
    }

    @Test("serialization is compact, sorted and never contains a raw newline")
    func serialization() throws {
        let value: JSONValue = ["b": [1, 2.5, "line\nbreak \"quoted\" \\ \u{01}"], "a": nil, "c": false]
        let text = value.serialized()
        #expect(text == #"{"a":null,"b":[1,2.5,"line\nbreak \"quoted\" \\ \u0001"],"c":false}"#)
        #expect(!text.contains("\n"))
        #expect(try JSONValue(parsing: Data(text.utf8)) == value)
    }

    static let samples: [JSONValue] = [
        .null, true, 0, -7, .integer(Int.max), 0.25, -1e-7, 1.5e300, "", "ünïcödé ✓ \u{2028}", [], [:],
        ["nested": ["deeper": [1, [2, [3]]]]],
    ]

    @Test("round trips through Foundation's decoder", arguments: Self.samples)
    func roundTrip(_ value: JSONValue) throws {
        #expect(try JSONValue(parsing: Data(value.serialized().utf8)) == value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value)) == value)
    }

    @Test("Codable bridge: encode a struct, decode it back")
    func codableBridge() throws {
        struct Profile: Codable, Equatable {
            var fullname: String
            var bio: String?
            var unread: Int
        }
        let profile = Profile(fullname: "Ada", bio: nil, unread: 3)
        let json = try JSONValue(encoding: profile)
        #expect(json["fullname"] == "Ada")
        #expect(json["unread"] == 3)
        #expect(try json.decode(Profile.self) == profile)
    }
}
