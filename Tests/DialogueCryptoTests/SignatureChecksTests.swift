import Crypto
import Testing

@testable import DialogueCrypto

/// Signatures checked ahead, in parallel, then opened in order: what verified opens as before,
/// and nothing that did not verify, or verified under another key, is let through.
struct SignatureChecksTests {
    @Test func aBacklogCheckedInParallelOpensInOrder() async throws {
        var s = try Scenario()
        var envelopes: [[UInt8]] = []
        for index in 0..<9 {
            envelopes.append(
                try s.aliceSession.seal(.text("m\(index)"), directory: s.directory, nowMs: testNow).encoded)
        }
        let checks = await SignatureChecks.check(envelopes, directory: s.directory, width: 2)
        #expect(checks.count == 9)
        for (index, envelope) in envelopes.enumerated() {
            #expect(checks.covers(envelope, key: s.alice.device.identityKey.publicKey))
            let received = try s.bobSession.open(envelope, directory: s.directory, nowMs: testNow, checked: checks)
            #expect(received.plaintext == .text("m\(index)"))
        }
    }

    @Test func aBadSignatureIsNotCoveredAndStillRefusedByOpen() async throws {
        var s = try Scenario()
        var forged = try s.aliceSession.seal(.text("real"), directory: s.directory, nowMs: testNow).encoded
        forged[forged.count - 1] ^= 0x01
        let checks = await SignatureChecks.check([forged, [0x00, 0x01]], directory: s.directory)
        #expect(checks.count == 0)
        expectCode(.badSignature) {
            try s.bobSession.open(forged, directory: s.directory, nowMs: testNow, checked: checks)
        }
    }

    @Test func anEntryCoversOnlyItsExactBytesUnderItsOwnKey() async throws {
        var s = try Scenario()
        let envelope = try s.aliceSession.seal(.text("once"), directory: s.directory, nowMs: testNow).encoded
        let checks = await SignatureChecks.check([envelope], directory: s.directory)
        #expect(checks.covers(envelope, key: s.alice.device.identityKey.publicKey))
        #expect(!checks.covers(envelope, key: s.bob.device.identityKey.publicKey))
        var changed = envelope
        changed[changed.count - 1] ^= 0x01
        #expect(!checks.covers(changed, key: s.alice.device.identityKey.publicKey))
    }
}
