import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

struct PersistenceTests {
    @Test("Keys, pins and sessions restore from their persisted parts")
    func restore() throws {
        var s = try Scenario()
        let device = s.bob.device
        let restoredKeys = try DeviceKeys(
            user: device.user, identityKey: device.identityKey, sealKey: device.sealKey, certificate: device.certificate
        )
        #expect(restoredKeys.deviceID == device.deviceID)
        expectCode(.invalidKey) {
            try DeviceKeys(
                user: device.user, identityKey: device.identityKey, sealKey: .init(), certificate: device.certificate)
        }
        var pins = IdentityPins()
        _ = try makeDirectory([s.alice], pins: &pins)
        var restoredPins = IdentityPins(pins: pins.pins)
        expectCode(.rollback) { try restoredPins.verify(s.alice.bundle(version: 0), nowMs: testNow) }

        _ = try s.bobSession.seal(.text("before restart"), directory: s.directory, nowMs: testNow)
        #expect(s.bobSession.sendCounters == [0: 1])
        var restored = try ConversationSession(
            keys: restoredKeys, replaying: s.log, directory: s.directory, epochSecrets: s.bobSession.epochSecrets,
            sendCounters: s.bobSession.sendCounters)
        let next = try restored.seal(.text("counter continues"), directory: s.directory, nowMs: testNow)
        #expect(next.header.counter == 1)
        let event = try s.aliceSession.seal(.text("after restart"), directory: s.directory, nowMs: testNow)
        #expect(
            try restored.open(event.encoded, directory: s.directory, nowMs: testNow).plaintext == .text("after restart")
        )
    }
}

struct RevocationReplayTests {
    @Test("After a device is revoked, the old log still replays and the next op leaves the device out")
    func replayAfterRevocation() throws {
        var s = try Scenario()
        var pins = IdentityPins()
        var directory = try makeDirectory([s.alice, s.bob, s.carol], pins: &pins)
        var alice = s.alice
        let revoked = alice.devices.removeLast()
        alice.listVersion = 2
        directory.update(try pins.verifiedKeys(alice.bundle(), nowMs: testNow))
        // The CREATE op sealed to the revoked device; replaying it must still work.
        let replayed = try ConversationState.replay(s.log, directory: directory)
        #expect(replayed.epoch(0)?.recipients.contains(revoked.deviceID) == true)
        #expect(s.aliceSession.rekeyReason(directory: directory, nowMs: testNow) == .deviceRevoked)
        let rekey = try s.aliceSession.propose(.rekey(reason: .deviceRevoked), directory: directory, nowMs: testNow)
        #expect(!rekey.envelopes.contains { $0.recipient == revoked.deviceID })
        try s.bobSession.receive(rekey, directory: directory)
        // The revoked device cannot open the new epoch.
        var revokedSession = ConversationSession(keys: revoked)
        for op in s.log { try revokedSession.receive(op, directory: s.directory) }
        try revokedSession.receive(rekey, directory: directory)
        #expect(revokedSession.epochSecrets[rekey.seq] == nil)
        let event = try s.aliceSession.seal(.text("after revocation"), directory: directory, nowMs: testNow)
        expectCode(.unknownEpoch) { try revokedSession.open(event.encoded, directory: directory, nowMs: testNow) }
        #expect(
            try s.bobSession.open(event.encoded, directory: directory, nowMs: testNow).plaintext
                == .text("after revocation"))
    }
}
