import Crypto

/// `device_id = SHA-256(L("device-id") ‖ ik_pub)[0..16]`: derived from the device's signing key, so
/// the server cannot pair a known id with a different key (the CVE-2022-39250 class).
package struct DeviceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    package static let size = 16
    package let bytes: [UInt8]

    package init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.size else { throw CryptoError(.invalidEncoding, "device id must be 16 bytes") }
        self.bytes = bytes
    }

    /// Derives the id of the device whose Ed25519 identity key is `identityKey`.
    package init(identityKey: Curve25519.Signing.PublicKey) {
        let raw = Array(identityKey.rawRepresentation)
        bytes = Array(KeyDerivation.sha256(Label.deviceID.encoded, raw).prefix(Self.size))
    }

    package var description: String { Hex.encode(bytes) }
    package static func < (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

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

extension ByteReader {
    package mutating func deviceID() throws(CryptoError) -> DeviceID { try DeviceID(bytes: fixed(DeviceID.size)) }
}
