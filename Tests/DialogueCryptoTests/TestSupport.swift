import Crypto
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueCrypto

/// Decodes lowercase or uppercase hex in tests; traps on bad input (test fixtures only).
func hex(_ text: String) -> [UInt8] {
    try! Hex.decode(text.lowercased())
}

/// Runs `body` and checks that it throws a ``CryptoError`` with `code`.
func expectCode<T>(
    _ code: DialogueCrypto.CryptoError.Code,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) {
    do {
        _ = try body()
        Issue.record("expected CryptoError.\(code), but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DialogueCrypto.CryptoError {
        #expect(error.code == code, "\(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected CryptoError.\(code), got \(error)", sourceLocation: sourceLocation)
    }
}

/// Loads a JSON file from the test bundle's `Vectors` folder.
func loadVector<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors"))
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// The fixtures' simulated user (shared with the daemon's tests) under the name these tests use.
typealias TestUser = SimulatedUser

/// A fixed clock for tests (2026-11-01T00:00:00Z).
let testNow = SimulatedUser.now

func makeDirectory(_ users: [TestUser], pins: inout IdentityPins, nowMs: UInt64 = testNow) throws -> VerifiedDirectory {
    try SimulatedUser.directory(users, pins: &pins, nowMs: nowMs)
}

func makeDirectory(_ users: [TestUser]) throws -> VerifiedDirectory {
    try SimulatedUser.directory(users)
}

extension EventPlaintext {
    static func text(_ body: String) -> EventPlaintext { .message(body: body, reply: nil, attachments: []) }
}
