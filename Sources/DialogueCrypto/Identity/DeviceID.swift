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
