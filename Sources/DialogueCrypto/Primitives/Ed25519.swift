import Crypto

/// Labelled Ed25519: `Sign(k, purpose, body) = Ed25519(k, L("sig/" + purpose) ‖ body)`.
///
/// Routing every signature through one place guarantees that no signature is ever made or checked
/// without its purpose label.
package enum Ed25519 {
    /// Signature length in bytes.
    package static let signatureSize = 64
    /// Public key length in bytes.
    package static let publicKeySize = 32

    package static func sign(
        _ body: [UInt8],
        purpose: Label,
        with key: Curve25519.Signing.PrivateKey
    ) throws(CryptoError) -> [UInt8] {
        var message = purpose.encoded
        message.append(contentsOf: body)
        do {
            return Array(try key.signature(for: message))
        } catch {
            throw CryptoError(.invalidKey, "Ed25519 signing failed")
        }
    }

    /// Verifies a labelled signature.
    /// - Throws: ``CryptoError/Code/badSignature`` when it does not verify.
    package static func verify(
        _ signature: [UInt8],
        over body: [UInt8],
        purpose: Label,
        with key: Curve25519.Signing.PublicKey
    ) throws(CryptoError) {
        var message = purpose.encoded
        message.append(contentsOf: body)
        guard signature.count == signatureSize, key.isValidSignature(signature, for: message) else {
            throw CryptoError(.badSignature, "\(purpose.purpose) signature does not verify")
        }
    }

    /// Parses a 32-byte Ed25519 public key.
    package static func publicKey(_ raw: [UInt8]) throws(CryptoError) -> Curve25519.Signing.PublicKey {
        guard raw.count == publicKeySize, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw CryptoError(.invalidKey, "not a 32-byte Ed25519 public key")
        }
        return key
    }
}
