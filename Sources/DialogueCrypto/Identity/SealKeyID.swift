import Crypto

/// `seal_key_id = SHA-256(L("seal-key-id") ‖ seal_pub)[0..8]`, so envelopes name the exact seal key.
package struct SealKeyID: Hashable, Sendable {
    package static let size = 8
    package let bytes: [UInt8]

    package init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.size else { throw CryptoError(.invalidEncoding, "seal key id must be 8 bytes") }
        self.bytes = bytes
    }

    package init(sealKey: Curve25519.KeyAgreement.PublicKey) {
        let raw = Array(sealKey.rawRepresentation)
        bytes = Array(KeyDerivation.sha256(Label.sealKeyID.encoded, raw).prefix(Self.size))
    }
}
