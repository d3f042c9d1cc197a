import Crypto

/// What an existing device sends a newly linked one, HPKE PSK-mode sealed to the new device's seal
/// key with the link secret as PSK: the account identity key, the contact pins and the epoch
/// secrets of every conversation, so the new device reads the history.
///
/// Plaintext: `aik_priv(32) ‖ u32(n) ‖ n×(vec(user_id) ‖ aik_pub ‖ u8(verified))
///  ‖ u32(m) ‖ m×(conv_id ‖ u64(head_seq) ‖ head_hash(32) ‖ u32(k) ‖ k×(u64(epoch) ‖ ES(32)))`.
/// Wire: `sender_device_id ‖ recipient_device_id ‖ enc(32) ‖ vec(ct)`.
package struct LinkBundle: Sendable {
    /// A conversation's head and secrets.
    package struct ConversationKeys: Sendable {
        package var conversation: ConversationID
        package var headSeq: UInt64
        package var headHash: [UInt8]
        package var epochSecrets: [UInt64: SymmetricKey]

        package init(
            conversation: ConversationID, headSeq: UInt64, headHash: [UInt8], epochSecrets: [UInt64: SymmetricKey]
        ) {
            self.conversation = conversation
            self.headSeq = headSeq
            self.headHash = headHash
            self.epochSecrets = epochSecrets
        }
    }

    /// A pinned contact.
    package struct ContactPin: Hashable, Sendable {
        package var user: UserID
        package var accountKey: [UInt8]
        package var verified: Bool

        package init(user: UserID, accountKey: [UInt8], verified: Bool) {
            self.user = user
            self.accountKey = accountKey
            self.verified = verified
        }
    }

    package var account: AccountIdentity
    package var pins: [ContactPin]
    package var conversations: [ConversationKeys]

    package init(account: AccountIdentity, pins: [ContactPin], conversations: [ConversationKeys]) {
        self.account = account
        self.pins = pins
        self.conversations = conversations
    }

    private static func info(user: UserID, from: DeviceID, to: DeviceID) -> [UInt8] {
        var writer = ByteWriter()
        writer.label(.linkBundle)
        writer.userID(user)
        writer.fixed(from.bytes)
        writer.fixed(to.bytes)
        return writer.bytes
    }

    private var plaintext: [UInt8] {
        var writer = ByteWriter()
        writer.fixed(Array(account.privateKey.rawRepresentation))
        writer.u32(UInt32(pins.count))
        for pin in pins {
            writer.userID(pin.user)
            writer.fixed(pin.accountKey)
            writer.u8(pin.verified ? 1 : 0)
        }
        writer.u32(UInt32(conversations.count))
        for conversation in conversations {
            writer.fixed(conversation.conversation.bytes)
            writer.u64(conversation.headSeq)
            writer.fixed(conversation.headHash)
            writer.u32(UInt32(conversation.epochSecrets.count))
            for (epoch, secret) in conversation.epochSecrets.sorted(by: { $0.key < $1.key }) {
                writer.u64(epoch)
                writer.fixed(secret.bytes)
            }
        }
        return writer.bytes
    }

    /// Seals the bundle for the selected pending device.
    package func seal(
        user: UserID,
        from sender: DeviceID,
        to pending: PendingDevice,
        secret: LinkSecret
    ) throws(CryptoError) -> [UInt8] {
        let recipient = pending.certificate.deviceID
        let sealKey = try X25519.validatedPublicKey(pending.certificate.sealKey)
        let (enc, ct) = try HPKESeal.seal(
            plaintext, to: sealKey, info: Self.info(user: user, from: sender, to: recipient),
            psk: .init(key: SymmetricKey(data: secret.bytes), identifier: Label.linkPSKIdentifier))
        var writer = ByteWriter()
        writer.fixed(sender.bytes)
        writer.fixed(recipient.bytes)
        writer.fixed(enc)
        writer.vec(ct)
        return writer.bytes
    }

    /// Opens a bundle on the new device; only a sender who knew the link secret can produce one.
    /// - Throws: ``CryptoError/Code/decryptionFailed`` for a wrong secret or a forged bundle.
    package static func open(_ bytes: [UInt8], keys: DeviceKeys, secret: LinkSecret) throws(CryptoError) -> LinkBundle {
        var outer = ByteReader(bytes)
        let sender = try outer.deviceID()
        let recipient = try outer.deviceID()
        let enc = try outer.fixed(HPKESeal.encapsulatedKeySize)
        let ct = try outer.vec(limit: 8 * 1024 * 1024)
        try outer.finish()
        guard recipient == keys.deviceID else { throw CryptoError(.noEnvelope, "bundle is for another device") }
        let plaintext = try HPKESeal.open(
            enc: enc, ciphertext: ct, with: keys.sealKey, info: info(user: keys.user, from: sender, to: recipient),
            psk: .init(key: SymmetricKey(data: secret.bytes), identifier: Label.linkPSKIdentifier))
        var reader = ByteReader(plaintext)
        let account = try AccountIdentity(rawPrivateKey: reader.fixed(32))
        var pins: [ContactPin] = []
        for _ in 0..<(try reader.count(limit: 100_000)) {
            let user = try reader.userID()
            let key = try reader.fixed(32)
            let verified = try reader.u8()
            guard verified <= 1 else { throw CryptoError(.invalidEncoding, "verified flag must be 0 or 1") }
            pins.append(ContactPin(user: user, accountKey: key, verified: verified == 1))
        }
        var conversations: [ConversationKeys] = []
        for _ in 0..<(try reader.count(limit: 100_000)) {
            let id = try ConversationID(bytes: reader.fixed(ConversationID.size))
            let seq = try reader.u64()
            let hash = try reader.fixed(32)
            var secrets: [UInt64: SymmetricKey] = [:]
            for _ in 0..<(try reader.count(limit: 1_000_000)) {
                secrets[try reader.u64()] = SymmetricKey(data: try reader.fixed(32))
            }
            conversations.append(
                ConversationKeys(conversation: id, headSeq: seq, headHash: hash, epochSecrets: secrets))
        }
        try reader.finish()
        return LinkBundle(account: account, pins: pins, conversations: conversations)
    }
}
