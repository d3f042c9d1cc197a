import Crypto

/// An encrypted, signed event: `header ‖ vec(ct) ‖ sig(64)` where
/// ```
/// mk  = HKDF-SHA256(ikm: ES_epoch, salt: conv_id, info: L("event-key") ‖ header, L = 32)
/// ct  = ChaChaPoly.seal(pad(plaintext), mk, random nonce, AD: L("event-ad") ‖ header).combined
/// sig = Sign(IK_sender, "event", header ‖ vec(ct))
/// ```
package struct SealedEvent: Hashable, Sendable {
    /// Largest accepted ciphertext (events carry text and attachment descriptors, not files).
    package static let maxCiphertext = 256 * 1024

    package let header: EventHeader
    package let ciphertext: [UInt8]
    package let signature: [UInt8]

    /// The per-event key; unique per header because the header holds a random event id.
    package static func eventKey(epochSecret: SymmetricKey, header: [UInt8], conversation: ConversationID)
        -> SymmetricKey
    {
        KeyDerivation.hkdf(epochSecret, salt: conversation.bytes, info: Label.eventKey.encoded + header)
    }

    /// Pads, encrypts and signs `plaintext`.
    package static func seal(
        _ plaintext: [UInt8],
        header: EventHeader,
        epochSecret: SymmetricKey,
        signingKey: Curve25519.Signing.PrivateKey
    ) throws(CryptoError) -> SealedEvent {
        let headerBytes = header.encoded
        let key = eventKey(epochSecret: epochSecret, header: headerBytes, conversation: header.conversation)
        let ciphertext: [UInt8]
        do {
            let box = try ChaChaPoly.seal(
                Padding.pad(plaintext), using: key, authenticating: Label.eventAD.encoded + headerBytes)
            ciphertext = Array(box.combined)
        } catch {
            throw CryptoError(.invalidKey, "event encryption failed")
        }
        let signature = try Ed25519.sign(signedBytes(headerBytes, ciphertext), purpose: .signEvent, with: signingKey)
        return SealedEvent(header: header, ciphertext: ciphertext, signature: signature)
    }

    package init(header: EventHeader, ciphertext: [UInt8], signature: [UInt8]) {
        self.header = header
        self.ciphertext = ciphertext
        self.signature = signature
    }

    private static func signedBytes(_ header: [UInt8], _ ciphertext: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: header.count + ciphertext.count + 4)
        writer.fixed(header)
        writer.vec(ciphertext)
        return writer.bytes
    }

    package var encoded: [UInt8] {
        var writer = ByteWriter(capacity: ciphertext.count + 200)
        header.write(to: &writer)
        writer.vec(ciphertext)
        writer.fixed(signature)
        return writer.bytes
    }

    package init(parsing bytes: [UInt8]) throws(CryptoError) {
        var reader = ByteReader(bytes)
        header = try EventHeader(reading: &reader)
        ciphertext = try reader.vec(limit: Self.maxCiphertext)
        signature = try reader.fixed(Ed25519.signatureSize)
        try reader.finish()
    }

    /// Checks the signature under the sender device's identity key (always before decrypting).
    package func verifySignature(with key: Curve25519.Signing.PublicKey) throws(CryptoError) {
        try Ed25519.verify(
            signature, over: Self.signedBytes(header.encoded, ciphertext), purpose: .signEvent, with: key)
    }

    /// Decrypts and unpads; call only after ``verifySignature(with:)``.
    package func decrypt(epochSecret: SymmetricKey) throws(CryptoError) -> [UInt8] {
        let headerBytes = header.encoded
        let key = Self.eventKey(epochSecret: epochSecret, header: headerBytes, conversation: header.conversation)
        let padded: [UInt8]
        do {
            let box = try ChaChaPoly.SealedBox(combined: ciphertext)
            padded = Array(try ChaChaPoly.open(box, using: key, authenticating: Label.eventAD.encoded + headerBytes))
        } catch {
            throw CryptoError(.decryptionFailed, "event does not decrypt under this epoch's key")
        }
        return try Padding.unpad(padded)
    }
}
