import Crypto
import Testing

@testable import DialogueCrypto

/// Signatures checked ahead, on another core, then opened in order: what verified opens as before,
/// and nothing that did not verify, or verified under another key, is let through.
struct SignatureChecksTests {
    /// Checks envelopes as the sync reader does, then takes them as the applier does.
    static func checkedAhead(_ envelopes: [[UInt8]], directory: VerifiedDirectory) -> SignatureChecks {
        let ahead = SignaturesAhead()
        ahead.use(directory)
        ahead.check(envelopes)
        return ahead.take(envelopes)
    }

    @Test func aBacklogCheckedAheadOpensInOrder() async throws {
        var s = try Scenario()
        var envelopes: [[UInt8]] = []
        for index in 0..<9 {
            envelopes.append(
                try s.aliceSession.seal(.text("m\(index)"), directory: s.directory, nowMs: testNow).encoded)
        }
        let checks = Self.checkedAhead(envelopes, directory: s.directory)
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
        let checks = Self.checkedAhead([forged, [0x00, 0x01]], directory: s.directory)
        #expect(checks.count == 0)
        expectCode(.badSignature) {
            try s.bobSession.open(forged, directory: s.directory, nowMs: testNow, checked: checks)
        }
    }

    @Test func anEntryCoversOnlyItsExactBytesUnderItsOwnKey() async throws {
        var s = try Scenario()
        let envelope = try s.aliceSession.seal(.text("once"), directory: s.directory, nowMs: testNow).encoded
        let checks = Self.checkedAhead([envelope], directory: s.directory)
        #expect(checks.covers(envelope, key: s.alice.device.identityKey.publicKey))
        #expect(!checks.covers(envelope, key: s.bob.device.identityKey.publicKey))
        var changed = envelope
        changed[changed.count - 1] ^= 0x01
        #expect(!checks.covers(changed, key: s.alice.device.identityKey.publicKey))
        // Same length and same tail, changed in the middle: still not the bytes that verified.
        var middle = envelope
        middle[middle.count / 2] ^= 0x01
        #expect(!checks.covers(middle, key: s.alice.device.identityKey.publicKey))
    }

    @Test func envelopesCheckedAheadAreTakenOnceForTheirBatch() async throws {
        var s = try Scenario()
        let envelopes = try (0..<5).map { index in
            try s.aliceSession.seal(.text("m\(index)"), directory: s.directory, nowMs: testNow).encoded
        }
        let key = s.alice.device.identityKey.publicKey
        let ahead = SignaturesAhead()
        // Before it has the keys, nothing verifies and nothing is kept.
        ahead.check(Array(envelopes.prefix(4)))
        #expect(ahead.pending == 0)
        ahead.use(s.directory)
        ahead.check(Array(envelopes.prefix(4)))
        #expect(ahead.pending == 4)
        let batch = ahead.take(Array(envelopes.prefix(3)))
        #expect(batch.count == 3)
        #expect(envelopes.prefix(3).allSatisfy { batch.covers($0, key: key) })
        #expect(!batch.covers(envelopes[3], key: key))
        #expect(ahead.pending == 1)
        for (index, envelope) in envelopes.prefix(3).enumerated() {
            let received = try s.bobSession.open(envelope, directory: s.directory, nowMs: testNow, checked: batch)
            #expect(received.plaintext == .text("m\(index)"))
        }
    }

    @Test func anEnvelopeTheApplierClaimedFirstIsNotCheckedByTheReader() async throws {
        var s = try Scenario()
        let envelope = try s.aliceSession.seal(.text("late"), directory: s.directory, nowMs: testNow).encoded
        let ahead = SignaturesAhead()
        ahead.use(s.directory)
        // The applier reached it before the reader: it is claimed, and `open` checks it.
        #expect(ahead.take([envelope]).count == 0)
        #expect(ahead.pending == 1)
        ahead.check([envelope])
        #expect(ahead.pending == 0)
        #expect(ahead.take([envelope]).count == 0)
        ahead.removeAll()
        #expect(ahead.pending == 0)
    }

    @Test func anEnvelopeAlreadyCheckedAheadIsNotCheckedAgainByASecondChecker() async throws {
        var s = try Scenario()
        let envelope = try s.aliceSession.seal(.text("once"), directory: s.directory, nowMs: testNow).encoded
        let ahead = SignaturesAhead()
        ahead.use(s.directory)
        ahead.check([envelope])
        // A second check (the applier, while its batch fills) leaves the entry as it is: with no
        // keys at all it would otherwise have dropped it.
        ahead.use(VerifiedDirectory())
        ahead.check([envelope])
        #expect(ahead.pending == 1)
        let batch = ahead.take([envelope])
        #expect(batch.covers(envelope, key: s.alice.device.identityKey.publicKey))
    }
}
