import Crypto

/// X25519 key handling with the small-order check swift-crypto deliberately omits.
///
/// swift-crypto returns an all-zero shared secret for small-order peer keys and HPKE accepts them,
/// so a malicious server could publish such a "seal key" (or `enc`) and make every envelope readable
/// to anyone. RFC 9180 §7.1.4 requires rejecting that; we do it before any key is used.
package enum X25519 {
    package static let keySize = 32

    /// Parses a 32-byte X25519 public key and refuses small-order points.
    ///
    /// The probe computes `X25519(fresh scalar, key)`: clamping multiplies by the cofactor 8, so
    /// every small-order point (including non-canonical encodings) yields zero for any scalar.
    /// - Throws: ``CryptoError/Code/lowOrderPoint`` or ``CryptoError/Code/invalidKey``.
    package static func validatedPublicKey(_ raw: [UInt8]) throws(CryptoError) -> Curve25519.KeyAgreement.PublicKey {
        guard raw.count == keySize, let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
            throw CryptoError(.invalidKey, "not a 32-byte X25519 public key")
        }
        let probe = Curve25519.KeyAgreement.PrivateKey()
        guard let shared = try? probe.sharedSecretFromKeyAgreement(with: key) else {
            throw CryptoError(.lowOrderPoint, "X25519 key agreement failed")
        }
        let isZero = shared.withUnsafeBytes { buffer in buffer.reduce(UInt8(0)) { $0 | $1 } == 0 }
        guard !isZero else { throw CryptoError(.lowOrderPoint, "X25519 public key is a small-order point") }
        return key
    }
}
