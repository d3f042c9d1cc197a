import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

struct LinkingTests {
    @Test("A new device is linked only through the code; the bundle carries AIK, pins and epoch secrets")
    func linkFlow() throws {
        var s = try Scenario()
        let message = try s.aliceSession.seal(.text("old history"), directory: s.directory, nowMs: testNow)

        // New device N of bob shows a link code; it uploads a pending record with the commitment.
        let newDevice = try DeviceKeys(user: s.bob.id, nowMs: testNow)
        let secret = LinkSecret()
        let pending = PendingDevice(keys: newDevice, secret: secret)
        // The server also offers a substituted pending device with its own keys.
        let substitute = try DeviceKeys(user: s.bob.id, nowMs: testNow)
        let forged = PendingDevice(
            identityKey: substitute.identityPublicKey, certificate: substitute.certificate,
            commitment: pending.commitment)

        // Bob's existing device E types the code and accepts only the matching record.
        let typed = try LinkSecret(code: secret.code)
        let chosen = try PendingDevice.select(from: [forged, pending], secret: typed, user: s.bob.id, nowMs: testNow)
        #expect(chosen.certificate.deviceID == newDevice.deviceID)
        expectCode(.badCommitment) {
            try PendingDevice.select(from: [forged], secret: typed, user: s.bob.id, nowMs: testNow)
        }
        expectCode(.badCommitment) {
            try PendingDevice.select(from: [pending], secret: LinkSecret(), user: s.bob.id, nowMs: testNow)
        }

        // E publishes version + 1 with N and sends the bundle.
        let nextList = try s.bob.account.signDeviceList(
            user: s.bob.id, version: 2, issuedAtMs: testNow,
            devices: [
                s.bob.device.listEntry(addedAtMs: testNow),
                DeviceList.Entry(
                    identityKey: try Ed25519.publicKey(chosen.identityKey), addedAtMs: testNow),
            ])
        let state = try #require(s.bobSession.state)
        let bundle = LinkBundle(
            account: s.bob.account,
            pins: [LinkBundle.ContactPin(user: s.alice.id, accountKey: s.alice.account.publicKeyBytes, verified: true)],
            conversations: [
                LinkBundle.ConversationKeys(
                    conversation: state.conversation, headSeq: state.headSeq, headHash: state.headHash,
                    epochSecrets: s.bobSession.epochSecrets)
            ])
        let sealed = try bundle.seal(user: s.bob.id, from: s.bob.device.deviceID, to: chosen, secret: typed)

        // N opens it with the secret it generated; a wrong secret fails.
        expectCode(.decryptionFailed) { try LinkBundle.open(sealed, keys: newDevice, secret: LinkSecret()) }
        let opened = try LinkBundle.open(sealed, keys: newDevice, secret: secret)
        #expect(opened.account.publicKeyBytes == s.bob.account.publicKeyBytes)
        #expect(opened.pins == bundle.pins)
        // The AIK it received verifies the list that includes it.
        #expect(nextList.accountKey == opened.account.publicKeyBytes)
        try nextList.verifySignature()
        #expect(nextList.devices.contains { $0.deviceID == newDevice.deviceID })

        // With the epoch secrets, N reads the history.
        var newSession = ConversationSession(keys: newDevice)
        var directory = s.directory
        var pins = IdentityPins()
        directory = try makeDirectory([s.alice, s.carol], pins: &pins)
        directory.update(
            try pins.verifiedKeys(
                UserKeyBundle(
                    deviceList: nextList, sealCertificates: [s.bob.device.certificate, newDevice.certificate]),
                nowMs: testNow))
        for op in s.log { try newSession.receive(op, directory: directory) }
        newSession.importEpochSecrets(try #require(opened.conversations.first).epochSecrets)
        #expect(
            try newSession.open(message.encoded, directory: directory, nowMs: testNow).plaintext == .text("old history")
        )
        // A truncated bundle is refused.
        expectCode(.truncated) { try LinkBundle.open(Array(sealed.dropLast()), keys: newDevice, secret: secret) }
    }

    @Test("The pending record's payload round-trips; a malformed one is refused")
    func pendingPayload() throws {
        let keys = try DeviceKeys(user: try UserID("0123456789abcdef01234567"), nowMs: testNow)
        let pending = PendingDevice(keys: keys, secret: LinkSecret())
        let parsed = try PendingDevice(payload: pending.payload, commitment: pending.commitment)
        #expect(parsed == pending)
        expectCode(.truncated) {
            try PendingDevice(payload: Array(pending.payload.prefix(40)), commitment: pending.commitment)
        }
        expectCode(.invalidEncoding) {
            try PendingDevice(payload: pending.payload, commitment: Array(pending.commitment.prefix(16)))
        }
    }
}
