import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

struct IdentityTests {
    @Test("Device lists round-trip; a device id that does not match its key or unsorted entries are refused")
    func deviceListParsing() throws {
        let bob = try TestUser("bob", devices: 3)
        let list = try bob.deviceList()
        #expect(try DeviceList(parsing: list.encoded) == list)
        try DeviceList(parsing: list.encoded).verifySignature()
        // Overwrite the first identity key (device id stays): the id no longer matches the key.
        var tampered = list.encoded
        let firstKeyOffset = 4 + 3 + 32 + 8 + 8 + 4 + 16
        tampered[firstKeyOffset] ^= 1
        expectCode(.invalidKey) { try DeviceList(parsing: tampered) }
        // Swap the first two entries: not canonical.
        var writer = ByteWriter()
        writer.userID(bob.id)
        writer.fixed(list.accountKey)
        writer.u64(list.version)
        writer.u64(list.issuedAtMs)
        writer.u32(3)
        for entry in [list.devices[1], list.devices[0], list.devices[2]] {
            writer.fixed(entry.deviceID.bytes)
            writer.fixed(entry.identityKey)
            writer.u64(entry.addedAtMs)
        }
        writer.fixed(list.signature)
        expectCode(.invalidEncoding) { try DeviceList(parsing: writer.bytes) }
    }

    @Test("Seal key rotation: new envelopes use the new key, old ones still open until the grace period ends")
    func sealKeyRotation() throws {
        var s = try Scenario()
        var bob = s.bob
        let oldOp = try s.aliceSession.propose(.rekey(reason: .other), directory: s.directory, nowMs: testNow)
        var bobKeys = bob.devices[0]
        try bobKeys.rotateSealKey(nowMs: testNow + 1000)
        bob.devices[0] = bobKeys
        bob.listVersion = 1
        var pins = IdentityPins()
        var directory = try makeDirectory([s.alice, s.carol], pins: &pins)
        directory.update(try pins.verifiedKeys(bob.bundle(), nowMs: testNow + 1000))
        #expect(directory[bob.id]?.devices[bobKeys.deviceID]?.sealKeyID == bobKeys.sealKeyID)

        // Bob's session now uses the rotated keys; the old envelope opens with the retired key.
        s.bobSession.keys = bobKeys
        #expect(try s.bobSession.receive(oldOp, directory: s.directory))
        let newOp = try s.aliceSession.propose(.rekey(reason: .other), directory: directory, nowMs: testNow + 2000)
        let envelope = try #require(newOp.envelopes.first { $0.recipient == bobKeys.deviceID })
        #expect(envelope.sealKeyID == bobKeys.sealKeyID)
        #expect(try s.bobSession.receive(newOp, directory: directory))
        // After forgetting retired keys, an envelope to the old key no longer opens.
        bobKeys.forgetRetiredSealKeys()
        let oldEnvelope = try #require(oldOp.envelopes.first { $0.recipient == bobKeys.deviceID })
        expectCode(.noEnvelope) { try oldEnvelope.open(with: bobKeys, info: []) }
    }
}
