import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

/// The server relays, stores and serves everything; here it lies. Each attack must be refused with
/// its own error code.
struct MaliciousServerTests {
    // MARK: Membership and devices

    @Test("Injected member: an ADD signed by a non-admin member is refused")
    func addByNonAdmin() throws {
        var s = try Scenario(withCarol: false)
        let genuine = try s.aliceSession.propose(
            .add(user: s.carol.id, role: .member, shareHistory: false), directory: s.directory, nowMs: testNow)
        // The server (or bob) re-authors the ADD as bob, who is not an admin.
        let forged = try resign(genuine, with: s.bob.device.identityKey) {
            $0.author = s.bob.id
            $0.authorDevice = s.bob.device.deviceID
        }
        expectCode(.notAdmin) { try s.bobSession.receive(forged, directory: s.directory) }
        // Bob's own client refuses to author it in the first place.
        expectCode(.notAdmin) {
            try s.bobSession.propose(
                .add(user: s.carol.id, role: .member, shareHistory: false), directory: s.directory, nowMs: testNow)
        }
    }

    @Test("Injected member: an ADD in a direct conversation is refused even when properly signed")
    func addInDirect() throws {
        var direct = try Scenario(kind: .direct)
        // Start from the direct chat's CREATE and turn it into a properly chained, signed ADD.
        let add = direct.log[0]
        let state = try #require(direct.bobSession.state)
        let forged = try resign(add, with: direct.alice.device.identityKey) {
            $0.payload = .add(user: direct.carol.id, role: .member, shareHistory: false)
            $0.conversation = state.conversation
            $0.seq = 1
            $0.prevHash = state.headHash
            $0.envelopes = []
        }
        expectCode(.directConversation) { try direct.bobSession.receive(forged, directory: direct.directory) }
    }

    @Test("Injected member: an ADD signed with a key that is not a verified device is refused")
    func addByServerKey() throws {
        let s = try Scenario(withCarol: false)
        var alice = s.aliceSession
        let genuine = try alice.propose(
            .add(user: s.carol.id, role: .member, shareHistory: false), directory: s.directory, nowMs: testNow)
        let serverKey = Curve25519.Signing.PrivateKey()
        let forged = try resign(genuine, with: serverKey) {
            $0.authorDevice = DeviceID(identityKey: serverKey.publicKey)
        }
        var bob = s.bobSession
        expectCode(.unknownDevice) { try bob.receive(forged, directory: s.directory) }
        // Keeping alice's device id but the server's signature fails the signature check.
        let forged2 = try resign(genuine, with: serverKey)
        expectCode(.badSignature) { try bob.receive(forged2, directory: s.directory) }
    }

    @Test("Injected member: a roster built with a substituted identity key fails the roster hash")
    func substitutedIdentity() throws {
        let s = try Scenario()
        // The server gave bob a fake carol (same id, server-made AIK) on first contact.
        var fakeCarol = try TestUser("carol")
        fakeCarol.devices = [try DeviceKeys(user: fakeCarol.id, nowMs: testNow)]
        let bobsView = try makeDirectory([s.alice, s.bob, fakeCarol])
        var bob = ConversationSession(keys: s.bob.device)
        expectCode(.rosterMismatch) { try bob.receive(s.log[0], directory: bobsView) }
    }

    @Test("Injected device: an unsigned or re-signed device list is refused")
    func injectedDevice() throws {
        var s = try Scenario()
        var pins = IdentityPins()
        _ = try makeDirectory([s.alice, s.bob, s.carol], pins: &pins)
        // The server appends its own device to bob's list, keeping bob's signature.
        let ghost = try DeviceKeys(user: s.bob.id, nowMs: testNow)
        let list = try s.bob.deviceList(version: 2)
        var writer = ByteWriter()
        writer.userID(s.bob.id)
        writer.fixed(list.accountKey)
        writer.u64(2)
        writer.u64(testNow)
        let entries = (list.devices + [ghost.listEntry(addedAtMs: testNow)]).sorted { $0.deviceID < $1.deviceID }
        writer.u32(UInt32(entries.count))
        for entry in entries {
            writer.fixed(entry.deviceID.bytes)
            writer.fixed(entry.identityKey)
            writer.u64(entry.addedAtMs)
        }
        writer.fixed(list.signature)
        let tampered = try DeviceList(parsing: writer.bytes)
        expectCode(.badSignature) {
            try pins.verify(UserKeyBundle(deviceList: tampered, sealCertificates: [ghost.certificate]), nowMs: testNow)
        }
        // Or it signs the list with its own AIK: an explicit identity change, not a silent accept.
        let serverAIK = AccountIdentity()
        let resigned = try serverAIK.signDeviceList(
            user: s.bob.id, version: 2, issuedAtMs: testNow, devices: entries.map { $0 })
        let outcome = try pins.verify(
            UserKeyBundle(deviceList: resigned, sealCertificates: [ghost.certificate]), nowMs: testNow)
        guard case .identityChanged(let change) = outcome else {
            Issue.record("a changed account key must be reported")
            return
        }
        #expect(change.pinnedKey == s.bob.account.publicKeyBytes)
        expectCode(.identityChanged) {
            try pins.verifiedKeys(UserKeyBundle(deviceList: resigned, sealCertificates: []), nowMs: testNow)
        }
        // An op sealing the epoch secret to a device outside the verified lists is refused.
        let genuine = try s.aliceSession.propose(.rekey(reason: .other), directory: s.directory, nowMs: testNow)
        let ghostKeys = VerifiedUserKeys.Device(
            deviceID: ghost.deviceID, identityKey: ghost.identityKey.publicKey, sealKey: ghost.sealKey.publicKey)
        let extra = try #require(try EpochEnvelope.seal([UInt8](repeating: 1, count: 32), to: ghostKeys) { _, _ in [] })
        let forged = try resign(genuine, with: s.alice.device.identityKey) { $0.envelopes.append(extra) }
        expectCode(.unknownDevice) { try s.bobSession.receive(forged, directory: s.directory) }
    }

    @Test("Rolled-back or equivocating device lists are refused; verified contacts block sending after a change")
    func rollback() throws {
        var bob = try TestUser("bob")
        var pins = IdentityPins()
        _ = try pins.verifiedKeys(bob.bundle(version: 5), nowMs: testNow)
        expectCode(.rollback) { try pins.verify(bob.bundle(version: 4), nowMs: testNow) }
        bob.devices.append(try DeviceKeys(user: bob.id, nowMs: testNow))
        expectCode(.equivocation) { try pins.verify(bob.bundle(version: 5), nowMs: testNow) }
        _ = try pins.verifiedKeys(bob.bundle(version: 6), nowMs: testNow)

        pins.markVerified(bob.id)
        let newBob = try TestUser("bob")
        guard case .identityChanged(let change) = try pins.verify(newBob.bundle(), nowMs: testNow) else {
            Issue.record("expected an identity change")
            return
        }
        #expect(change.wasVerified)
        pins.acceptIdentityChange(change)
        #expect(!pins.canSend(to: bob.id))
        pins.markVerified(bob.id)
        #expect(pins.canSend(to: bob.id))
    }

    // MARK: Events

    @Test("Replayed event is refused")
    func replayedEvent() throws {
        var s = try Scenario()
        let event = try s.aliceSession.seal(.text("once"), directory: s.directory, nowMs: testNow)
        _ = try s.bobSession.open(event.encoded, directory: s.directory, nowMs: testNow)
        expectCode(.replay) { try s.bobSession.open(event.encoded, directory: s.directory, nowMs: testNow) }
    }

    @Test("A counter reused for a different event is refused")
    func counterReuse() throws {
        var s = try Scenario()
        let first = try forgeEvent(.text("a"), by: s.alice.device, in: s.aliceSession, counter: 7)
        let second = try forgeEvent(.text("b"), by: s.alice.device, in: s.aliceSession, counter: 7)
        _ = try s.bobSession.open(first.encoded, directory: s.directory, nowMs: testNow)
        expectCode(.counterReuse) { try s.bobSession.open(second.encoded, directory: s.directory, nowMs: testNow) }
    }

    @Test("Event spliced into another conversation is refused")
    func splicedEvent() throws {
        var first = try Scenario()
        let second = try ConversationSession.create(
            kind: .group, members: [first.alice.id: .admin, first.bob.id: .member], keys: first.alice.device,
            directory: first.directory, nowMs: testNow)
        var bobInSecond = ConversationSession(keys: first.bob.device)
        try bobInSecond.receive(second.op, directory: first.directory)
        let event = try first.aliceSession.seal(.text("for the first"), directory: first.directory, nowMs: testNow)
        expectCode(.wrongConversation) {
            try bobInSecond.open(event.encoded, directory: first.directory, nowMs: testNow)
        }
    }

    @Test("Swapped sender: changed sender fields fail the signature; a member re-signing fails decryption")
    func swappedSender() throws {
        var s = try Scenario()
        let event = try s.aliceSession.seal(.text("from alice"), directory: s.directory, nowMs: testNow)
        let h = event.header
        let swapped = EventHeader(
            conversation: h.conversation, epoch: h.epoch, epochOpHashPrefix: h.epochOpHashPrefix, sender: s.bob.id,
            senderDevice: s.bob.device.deviceID, eventID: h.eventID, counter: h.counter, sentAtMs: h.sentAtMs)
        let relabelled = SealedEvent(header: swapped, ciphertext: event.ciphertext, signature: event.signature)
        expectCode(.badSignature) {
            try s.carolSession.open(relabelled.encoded, directory: s.directory, nowMs: testNow)
        }
        // Bob re-signs alice's ciphertext as his own: the key derivation binds the sender, so it fails.
        var writer = ByteWriter()
        writer.fixed(swapped.encoded)
        writer.vec(event.ciphertext)
        let signature = try Ed25519.sign(writer.bytes, purpose: .signEvent, with: s.bob.device.identityKey)
        let resigned = SealedEvent(header: swapped, ciphertext: event.ciphertext, signature: signature)
        expectCode(.decryptionFailed) {
            try s.carolSession.open(resigned.encoded, directory: s.directory, nowMs: testNow)
        }
        // A device that is not in the claimed user's list is unknown.
        let stranger = try DeviceKeys(user: s.bob.id, nowMs: testNow)
        let fromStranger = try forgeEvent(.text("x"), by: stranger, in: s.bobSession)
        expectCode(.unknownDevice) {
            try s.carolSession.open(fromStranger.encoded, directory: s.directory, nowMs: testNow)
        }
    }

    @Test("Stale epoch after a removal: the removed member can neither send nor read")
    func staleEpochAfterRemoval() throws {
        var s = try Scenario()
        let carolBefore = s.carolSession
        try s.aliceProposes(.remove(user: s.carol.id))
        // Carol still holds epoch 0's secret and her device key, and tries to post into it.
        let late = try forgeEvent(.text("still here"), by: s.carol.device, in: carolBefore, epoch: 0)
        expectCode(.staleEpoch) { try s.bobSession.open(late.encoded, directory: s.directory, nowMs: testNow) }
        // Later events are unreadable for her.
        let after = try s.aliceSession.seal(.text("secret"), directory: s.directory, nowMs: testNow)
        expectCode(.unknownEpoch) { try s.carolSession.open(after.encoded, directory: s.directory, nowMs: testNow) }
        #expect(s.carolSession.epochSecrets[1] == nil)
        #expect(
            try s.bobSession.open(after.encoded, directory: s.directory, nowMs: testNow).plaintext == .text("secret"))
    }

    @Test("An event naming a different epoch op hash reveals a fork")
    func fork() throws {
        var s = try Scenario()
        let event = try s.aliceSession.seal(.text("x"), directory: s.directory, nowMs: testNow)
        let h = event.header
        let forked = EventHeader(
            conversation: h.conversation, epoch: h.epoch, epochOpHashPrefix: [UInt8](repeating: 7, count: 16),
            sender: h.sender, senderDevice: h.senderDevice, eventID: h.eventID, counter: h.counter, sentAtMs: h.sentAtMs
        )
        let tampered = SealedEvent(header: forked, ciphertext: event.ciphertext, signature: event.signature)
        expectCode(.forkDetected) { try s.bobSession.open(tampered.encoded, directory: s.directory, nowMs: testNow) }
    }

    @Test("Forged edit of someone else's message, edit after the window, unauthorised delete")
    func forgedEdits() throws {
        var s = try Scenario()
        let message = try s.aliceSession.seal(.text("mine"), directory: s.directory, nowMs: testNow)
        _ = try s.carolSession.open(message.encoded, directory: s.directory, nowMs: testNow)
        let target = message.header.eventID
        let forgedEdit = try forgeEvent(.edit(target: target, body: "bob's words"), by: s.bob.device, in: s.bobSession)
        expectCode(.editNotAllowed) {
            try s.carolSession.open(forgedEdit.encoded, directory: s.directory, nowMs: testNow)
        }
        let lateEdit = try forgeEvent(
            .edit(target: target, body: "late"), by: s.alice.device, in: s.aliceSession, counter: 5,
            sentAtMs: testNow + 15 * 60_000 + 1)
        expectCode(.editWindowPassed) {
            try s.carolSession.open(lateEdit.encoded, directory: s.directory, nowMs: testNow + 16 * 60_000)
        }
        let forgedDelete = try forgeEvent(.delete(target: target), by: s.bob.device, in: s.bobSession, counter: 1)
        expectCode(.deleteNotAllowed) {
            try s.carolSession.open(forgedDelete.encoded, directory: s.directory, nowMs: testNow)
        }
        let future = try forgeEvent(
            .text("tomorrow"), by: s.bob.device, in: s.bobSession, counter: 2, sentAtMs: testNow + 3_600_000)
        expectCode(.futureTimestamp) { try s.carolSession.open(future.encoded, directory: s.directory, nowMs: testNow) }
    }

    // MARK: Keys

    @Test("Low-order seal keys in certificates and low-order enc in envelopes are refused")
    func lowOrderKeys() throws {
        var s = try Scenario()
        let identity = Curve25519.Signing.PrivateKey()
        let zeroPoint = [UInt8](repeating: 0, count: 32)
        let lowOrder = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: zeroPoint)
        let cert = try SealKeyCertificate.issue(
            user: s.bob.id, identityKey: identity, sealKey: lowOrder, notBeforeMs: testNow, notAfterMs: testNow + 1000)
        expectCode(.lowOrderPoint) { try cert.verify(identityKey: identity.publicKey, user: s.bob.id, nowMs: testNow) }
        expectCode(.lowOrderPoint) { try HPKESeal.seal([1, 2, 3], to: lowOrder, info: []) }
        // A directory bundle carrying it surfaces the attack instead of silently dropping the key.
        var pins = IdentityPins()
        let bundle = UserKeyBundle(
            deviceList: try s.bob.account.signDeviceList(
                user: s.bob.id, version: 1, issuedAtMs: testNow,
                devices: [DeviceList.Entry(identityKey: identity.publicKey, addedAtMs: testNow)]),
            sealCertificates: [cert])
        expectCode(.lowOrderPoint) { try pins.verify(bundle, nowMs: testNow) }
        // A malicious member puts a low-order enc into bob's envelope.
        let genuine = try s.aliceSession.propose(.rekey(reason: .other), directory: s.directory, nowMs: testNow)
        let forged = try resign(genuine, with: s.alice.device.identityKey) { fields in
            fields.envelopes = fields.envelopes.map { envelope in
                envelope.recipient == s.bob.device.deviceID
                    ? EpochEnvelope(
                        recipient: envelope.recipient, sealKeyID: envelope.sealKeyID, enc: zeroPoint,
                        ciphertext: envelope.ciphertext)
                    : envelope
            }
        }
        expectCode(.lowOrderPoint) { try s.bobSession.receive(forged, directory: s.directory) }
    }

    @Test("Expired seal key certificates give the device no seal key")
    func expiredCertificate() throws {
        let bob = try TestUser("bob")
        var pins = IdentityPins()
        let later = testNow + DeviceKeys.sealKeyLifetimeMs + 1
        let keys = try pins.verifiedKeys(bob.bundle(), nowMs: later)
        #expect(keys.devices[bob.device.deviceID]?.sealKey == nil)
        expectCode(.expired) {
            try bob.device.certificate.verify(identityKey: bob.device.identityKey.publicKey, user: bob.id, nowMs: later)
        }
    }

    // MARK: Chain

    @Test("Bad chain: a skipped, repeated or re-linked op is refused")
    func badChain() throws {
        var s = try Scenario()
        let one = try s.aliceSession.propose(.rekey(reason: .other), directory: s.directory, nowMs: testNow)
        let two = try s.aliceSession.propose(.rekey(reason: .other), directory: s.directory, nowMs: testNow)
        expectCode(.badChain) { try s.bobSession.receive(two, directory: s.directory) }
        try s.bobSession.receive(one, directory: s.directory)
        // Re-delivering the head is an idempotent echo; re-delivering an older op is a bad chain.
        #expect(try s.bobSession.receive(one, directory: s.directory))
        expectCode(.badChain) { try s.bobSession.receive(s.log[0], directory: s.directory) }
        let relinked = try resign(two, with: s.alice.device.identityKey) {
            $0.prevHash = [UInt8](repeating: 9, count: 32)
        }
        expectCode(.badChain) { try s.bobSession.receive(relinked, directory: s.directory) }
        let wrongRoster = try resign(two, with: s.alice.device.identityKey) {
            $0.rosterHash = [UInt8](repeating: 1, count: 32)
        }
        expectCode(.rosterMismatch) { try s.bobSession.receive(wrongRoster, directory: s.directory) }
        try s.bobSession.receive(two, directory: s.directory)
    }

    // MARK: Parsing

    @Test("Truncated, over-long, length-bombed and wrong-version inputs are refused")
    func strictParsing() throws {
        var s = try Scenario()
        let event = try s.aliceSession.seal(.text("x"), directory: s.directory, nowMs: testNow).encoded
        for length in stride(from: 0, to: event.count, by: 7) {
            expectCode(.truncated) { try SealedEvent(parsing: Array(event.prefix(length))) }
        }
        expectCode(.trailingBytes) { try SealedEvent(parsing: event + [0]) }
        var wrongVersion = event
        wrongVersion[0] = 2
        expectCode(.unknownVersion) { try SealedEvent(parsing: wrongVersion) }
        expectCode(.unknownVersion) { try SealedEvent(parsing: Array("U2FsdGVkX18BAgMEBQYHCLnz".utf8)) }
        // The ciphertext length field claims 4 GiB.
        let header = try SealedEvent(parsing: event).header.encoded
        var bomb = header
        bomb.append(contentsOf: [0xff, 0xff, 0xff, 0xff])
        expectCode(.lengthTooLarge) { try SealedEvent(parsing: bomb) }

        let op = s.log[0].encoded
        expectCode(.truncated) { try ConversationOp(parsing: Array(op.dropLast())) }
        expectCode(.trailingBytes) { try ConversationOp(parsing: op + [0]) }
        let list = try s.bob.deviceList().encoded
        expectCode(.truncated) { try DeviceList(parsing: Array(list.dropLast())) }
        expectCode(.trailingBytes) { try DeviceList(parsing: list + [0]) }
        var longID = ByteWriter()
        longID.string(String(repeating: "a", count: 65))
        expectCode(.lengthTooLarge) { try DeviceList(parsing: longID.bytes) }
    }

    @Test("Every single-bit flip in a sealed event is refused")
    func bitFlips() throws {
        var s = try Scenario()
        let event = try s.aliceSession.seal(.text("flip me"), directory: s.directory, nowMs: testNow).encoded
        var accepted = 0
        for index in 0..<event.count {
            var tampered = event
            tampered[index] ^= 0x01
            var bob = s.bobSession
            if (try? bob.open(tampered, directory: s.directory, nowMs: testNow)) != nil { accepted += 1 }
        }
        #expect(accepted == 0)
        #expect(try s.bobSession.open(event, directory: s.directory, nowMs: testNow).plaintext == .text("flip me"))
    }
}
