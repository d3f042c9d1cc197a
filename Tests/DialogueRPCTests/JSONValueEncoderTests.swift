import DialogueRPC
import Foundation
import Testing

@Suite("Encoding straight into JSONValue")
struct JSONValueEncoderTests {
    struct Sample: Codable, Equatable {
        var text: String
        var small: Int8
        var big: UInt64
        var ratio: Double
        var missing: String?
        var nested: [[String: Bool]]
    }

    @Test("gives what JSONEncoder's bytes parse to")
    func matchesFoundation() throws {
        let sample = Sample(text: "é\n\"", small: -3, big: 7, ratio: 0.25, missing: nil, nested: [["a": true], [:]])
        let direct = try JSONValueEncoder().encode(sample)
        let viaBytes = try JSONValue(parsing: try JSONEncoder().encode(sample))
        #expect(direct == viaBytes)
        #expect(direct["missing"] == nil)
        #expect(try direct.decode(Sample.self) == sample)
    }

    @Test("refuses what JSON cannot hold")
    func refusesNonFinite() {
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([UInt64.max]) }
    }
}
