import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

/// Frozen vectors for our own structures: an accidental format change fails here.
struct GoldenVectorTests {
    struct Golden: Decodable {
        let aliceIdentitySecret, bobIdentitySecret, sealPublicKey, labelDeviceID, deviceID, sealKeyID: String
        let rosterHash, conversationID, opBody, opSignature, opHash, eventHeader, epochSecret, eventKey: String
        let messagePlaintext: String
        let createdAtMs: UInt64
    }

    let golden: Golden
    let alice: UserID
    let bob: UserID
    let aliceKey: Curve25519.Signing.PrivateKey
    let bobKey: Curve25519.Signing.PrivateKey

    init() throws {
        golden = try loadVector("golden-v1", as: Golden.self)
        alice = try UserID("alice")
        bob = try UserID("bob")
        aliceKey = try Curve25519.Signing.PrivateKey(rawRepresentation: hex(golden.aliceIdentitySecret))
        bobKey = try Curve25519.Signing.PrivateKey(rawRepresentation: hex(golden.bobIdentitySecret))
    }

    private var roster: Roster {
        var roster = Roster()
        roster.set(alice, role: .admin, joinedSeq: 0)
        roster.set(bob, role: .member, joinedSeq: 0)
        return roster
    }

    private func accountKey(_ user: UserID) -> [UInt8]? {
        user == alice ? Array(aliceKey.publicKey.rawRepresentation) : Array(bobKey.publicKey.rawRepresentation)
    }

    @Test("Label, device id and seal key id")
    func identifiers() throws {
        #expect(Label.deviceID.encoded == hex(golden.labelDeviceID))
        #expect(DeviceID(identityKey: aliceKey.publicKey).bytes == hex(golden.deviceID))
        let seal = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: hex(golden.sealPublicKey))
        #expect(SealKeyID(sealKey: seal).bytes == hex(golden.sealKeyID))
    }

    @Test("Roster hash")
    func rosterHash() throws {
        #expect(try roster.hash(accountKeys: accountKey) == hex(golden.rosterHash))
    }

    @Test("CREATE op body, signature check and op hash")
    func opHash() throws {
        let op = ConversationOp(
            payload: .create(kind: .group, members: [alice: .admin, bob: .member]),
            conversation: try ConversationID(bytes: hex(golden.conversationID)), seq: 0,
            prevHash: [UInt8](repeating: 0, count: 32), author: alice,
            authorDevice: DeviceID(identityKey: aliceKey.publicKey),
            createdAtMs: golden.createdAtMs, rosterHash: hex(golden.rosterHash), envelopes: [], historyEnvelopes: [],
            metaCiphertext: [], signature: hex(golden.opSignature))
        #expect(op.body == hex(golden.opBody))
        try Ed25519.verify(hex(golden.opSignature), over: op.body, purpose: .signGroupOp, with: aliceKey.publicKey)
        #expect(op.hash == hex(golden.opHash))
        #expect(try ConversationOp(parsing: hex(golden.opBody) + hex(golden.opSignature)) == op)
    }

    @Test("Event header and per-event key")
    func eventKey() throws {
        let conversation = try ConversationID(bytes: hex(golden.conversationID))
        let header = EventHeader(
            conversation: conversation, epoch: 0, epochOpHashPrefix: hex(golden.opHash), sender: alice,
            senderDevice: DeviceID(identityKey: aliceKey.publicKey),
            eventID: try EventID(bytes: [UInt8](repeating: 0xee, count: 16)), counter: 3,
            sentAtMs: golden.createdAtMs + 1000)
        #expect(header.encoded == hex(golden.eventHeader))
        let key = SealedEvent.eventKey(
            epochSecret: SymmetricKey(data: hex(golden.epochSecret)), header: header.encoded, conversation: conversation
        )
        #expect(key.bytes == hex(golden.eventKey))
    }

    @Test("Canonical plaintext JSON and padding")
    func plaintextAndPadding() throws {
        let plaintext = EventPlaintext.message(
            body: "hi", reply: try EventID(bytes: [UInt8](repeating: 0xab, count: 16)), attachments: [])
        #expect(plaintext.encoded == hex(golden.messagePlaintext))
        let padded = Padding.pad(plaintext.encoded)
        #expect(padded.count == 256)
        #expect(padded[plaintext.encoded.count] == 0x80)
        #expect(Padding.pad([UInt8](repeating: 1, count: 255)).count == 256)
        #expect(Padding.pad([UInt8](repeating: 1, count: 256)).count == 512)
        #expect(try Padding.unpad(padded) == plaintext.encoded)
    }
}
