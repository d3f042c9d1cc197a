import Crypto

/// Encrypted conversation metadata (title, avatar reference) carried in an op's `meta_ct`, readable
/// only with that op's epoch secret:
/// `key = HKDF(ES, salt: conv_id, info: L("meta-key") ‖ u64(seq))`, ChaCha20-Poly1305 with AD
/// `L("meta-ad") ‖ conv_id ‖ u64(seq)`, plaintext padded like events.
package enum GroupMetadata {
    private static func key(epochSecret: SymmetricKey, conversation: ConversationID, seq: UInt64) -> SymmetricKey {
        var info = ByteWriter()
        info.label(.metaKey)
        info.u64(seq)
        return KeyDerivation.hkdf(epochSecret, salt: conversation.bytes, info: info.bytes)
    }

    private static func associatedData(conversation: ConversationID, seq: UInt64) -> [UInt8] {
        var writer = ByteWriter()
        writer.label(.metaAD)
        writer.fixed(conversation.bytes)
        writer.u64(seq)
        return writer.bytes
    }

    package static func seal(
        _ metadata: [UInt8],
        epochSecret: SymmetricKey,
        conversation: ConversationID,
        seq: UInt64
    ) throws(CryptoError) -> [UInt8] {
        guard metadata.count < ConversationOp.maxMeta - 1024 else {
            throw CryptoError(.lengthTooLarge, "metadata too large")
        }
        do {
            return Array(
                try ChaChaPoly.seal(
                    Padding.pad(metadata), using: key(epochSecret: epochSecret, conversation: conversation, seq: seq),
                    authenticating: associatedData(conversation: conversation, seq: seq)
                ).combined)
        } catch {
            throw CryptoError(.invalidKey, "metadata encryption failed")
        }
    }

    package static func open(
        _ ciphertext: [UInt8],
        epochSecret: SymmetricKey,
        conversation: ConversationID,
        seq: UInt64
    ) throws(CryptoError) -> [UInt8] {
        let padded: [UInt8]
        do {
            padded = Array(
                try ChaChaPoly.open(
                    ChaChaPoly.SealedBox(combined: ciphertext),
                    using: key(epochSecret: epochSecret, conversation: conversation, seq: seq),
                    authenticating: associatedData(conversation: conversation, seq: seq)))
        } catch {
            throw CryptoError(.decryptionFailed, "metadata does not decrypt")
        }
        return try Padding.unpad(padded)
    }
}
