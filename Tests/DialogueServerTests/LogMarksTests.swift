import Foundation
import Testing

@testable import DialogueServerStore

/// The cross-instance notification's payload: every mark arrives, and no payload reaches
/// PostgreSQL's 8,000-byte limit however many users one batch touched.
@Suite("Log marks between instances")
struct LogMarksTests {
    @Test(arguments: [0, 1, 100, 101, 1_000])
    func aBatchSplitsIntoPayloadsThatFitANotification(users: Int) throws {
        let marks = Dictionary(
            uniqueKeysWithValues: (0..<users).map { ("\(UUID().uuidString)-\($0)", Int64.max - Int64($0)) })
        let payloads = LogMarks.payloads(instance: UUID().uuidString, marks: marks)
        #expect(payloads.count == (users + LogMarks.usersPerPayload - 1) / LogMarks.usersPerPayload)
        var seen: [String: Int64] = [:]
        for payload in payloads {
            #expect(try JSONEncoder().encode(payload).count < 8_000)
            seen.merge(payload.marks) { _, _ in
                Issue.record("a user in two payloads")
                return 0
            }
        }
        #expect(seen == marks)
    }

    @Test func thePayloadIsPlainJSON() throws {
        let payload = LogMarks(instance: "i-1", marks: ["u-1": 7])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(payload), as: UTF8.self) == #"{"instance":"i-1","marks":{"u-1":7}}"#)
        #expect(
            try JSONDecoder().decode(LogMarks.self, from: Data(#"{"instance":"i-1","marks":{"u-1":7}}"#.utf8))
                == payload)
    }
}
