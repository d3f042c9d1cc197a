import Crypto
import Foundation

/// Single-shot HPKE (RFC 9180) with the one v1 suite, `DHKEM(X25519, HKDF-SHA256)`, HKDF-SHA256,
/// ChaCha20-Poly1305, in base mode (epoch envelopes, history shares) or PSK mode (link bundles).
///
/// The output layout is `enc(32) ‖ ct`, the same as pyca/cryptography's `Suite.encrypt`, which makes
/// an independent interop oracle. Every `enc` and recipient key passes the small-order check.
package enum HPKESeal {
    package static let suite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    package static let encapsulatedKeySize = 32

    /// A pre-shared key for PSK mode.
    package struct PresharedKey: Sendable {
        package var key: SymmetricKey
        package var identifier: [UInt8]

        package init(key: SymmetricKey, identifier: [UInt8]) {
            self.key = key
            self.identifier = identifier
        }
    }

    /// Seals `plaintext` to `recipient`; returns `(enc, ct)`.
    package static func seal(
        _ plaintext: [UInt8],
        to recipient: Curve25519.KeyAgreement.PublicKey,
        info: [UInt8],
        psk: PresharedKey? = nil
    ) throws(CryptoError) -> (enc: [UInt8], ciphertext: [UInt8]) {
        _ = try X25519.validatedPublicKey(Array(recipient.rawRepresentation))
        do {
            var sender: HPKE.Sender
            if let psk {
                sender = try HPKE.Sender(
                    recipientKey: recipient, ciphersuite: suite, info: Data(info), presharedKey: psk.key,
                    presharedKeyIdentifier: Data(psk.identifier))
            } else {
                sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: suite, info: Data(info))
            }
            let ciphertext = try sender.seal(plaintext, authenticating: [UInt8]())
            return (Array(sender.encapsulatedKey), Array(ciphertext))
        } catch {
            throw CryptoError(.invalidKey, "HPKE seal failed")
        }
    }

    /// Opens `(enc, ct)` after refusing small-order `enc` values.
    /// - Throws: ``CryptoError/Code/lowOrderPoint`` or ``CryptoError/Code/decryptionFailed``.
    package static func open(
        enc: [UInt8],
        ciphertext: [UInt8],
        with privateKey: Curve25519.KeyAgreement.PrivateKey,
        info: [UInt8],
        psk: PresharedKey? = nil
    ) throws(CryptoError) -> [UInt8] {
        _ = try X25519.validatedPublicKey(enc)
        do {
            var recipient: HPKE.Recipient
            if let psk {
                recipient = try HPKE.Recipient(
                    privateKey: privateKey, ciphersuite: suite, info: Data(info), encapsulatedKey: Data(enc),
                    presharedKey: psk.key, presharedKeyIdentifier: Data(psk.identifier))
            } else {
                recipient = try HPKE.Recipient(
                    privateKey: privateKey, ciphersuite: suite, info: Data(info), encapsulatedKey: Data(enc))
            }
            return Array(try recipient.open(ciphertext, authenticating: [UInt8]()))
        } catch {
            throw CryptoError(.decryptionFailed, "HPKE open failed")
        }
    }
}
