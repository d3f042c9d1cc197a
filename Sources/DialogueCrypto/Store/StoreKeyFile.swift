import Crypto
import CryptoExtras
import Foundation

/// The wrapped store master key (SMK) of the daemon's local cache:
/// `"DLGKS1" ‖ u8(source) ‖ params ‖ nonce(12) ‖ ChaChaPoly(KEK, SMK, AD = all preceding bytes)`.
///
/// The SMK is random; only the key-encryption key (KEK) comes from the user's secret, so changing the
/// passphrase re-wraps 32 bytes instead of re-encrypting the store.
package enum StoreKeyFile {
    private static let magic = Array("DLGKS1".utf8)

    /// Where the KEK comes from.
    package enum Source: Sendable, Hashable {
        /// scrypt(passphrase) with these parameters (`N = 2^log2N`).
        case passphrase(salt: [UInt8], log2N: UInt8, blockSize: UInt8, parallelism: UInt8)
        /// A raw 32-byte key from a 0600 key file (headless use).
        case rawKey

        /// Desktop defaults: N = 2^17, r = 8, p = 1 (128 MiB, about half a second here).
        package static func passphraseDefaults() -> Source {
            .passphrase(salt: SecureRandom.bytes(16), log2N: 17, blockSize: 8, parallelism: 1)
        }
    }

    /// The accepted scrypt parameter ranges; anything else is refused before deriving (DoS limit).
    package static let log2NRange: ClosedRange<UInt8> = 10...20
    package static let blockSizeRange: ClosedRange<UInt8> = 1...16
    package static let parallelismRange: ClosedRange<UInt8> = 1...4

    /// Generates a fresh SMK and wraps it; returns the file bytes and the unlocked cipher.
    package static func create(source: Source, secret: [UInt8]) throws(CryptoError) -> (
        file: [UInt8], cipher: StoreCipher
    ) {
        let master = SymmetricKey(size: .bits256)
        let file = try wrap(master, source: source, secret: secret)
        return (file, StoreCipher(masterKey: master))
    }

    /// Wraps an existing SMK (used for passphrase changes).
    package static func wrap(_ master: SymmetricKey, source: Source, secret: [UInt8]) throws(CryptoError) -> [UInt8] {
        var writer = ByteWriter()
        writer.fixed(magic)
        switch source {
        case .passphrase(let salt, let log2N, let r, let p):
            guard salt.count == 16 else { throw CryptoError(.invalidKey, "scrypt salt must be 16 bytes") }
            writer.u8(1)
            writer.fixed(salt)
            writer.u8(log2N)
            writer.u8(r)
            writer.u8(p)
        case .rawKey:
            writer.u8(2)
        }
        let kek = try keyEncryptionKey(source: source, secret: secret)
        let nonce = ChaChaPoly.Nonce()
        do {
            let box = try ChaChaPoly.seal(master.bytes, using: kek, nonce: nonce, authenticating: writer.bytes)
            writer.fixed(Array(box.combined))
        } catch {
            throw CryptoError(.invalidKey, "wrapping the store key failed")
        }
        return writer.bytes
    }

    /// Unwraps the SMK.
    /// - Throws: ``CryptoError/Code/wrongPassphrase`` for a wrong secret or a modified file, and
    ///   parse errors for malformed files.
    package static func unlock(_ file: [UInt8], secret: [UInt8]) throws(CryptoError) -> StoreCipher {
        StoreCipher(masterKey: try unwrapMaster(file, secret: secret))
    }

    /// Re-wraps the same SMK under a new secret (a passphrase change): the cache stays readable
    /// and the SMK never leaves this type.
    /// - Throws: ``CryptoError/Code/wrongPassphrase`` when `oldSecret` does not unwrap `file`.
    package static func rewrap(
        _ file: [UInt8],
        oldSecret: [UInt8],
        newSource: Source,
        newSecret: [UInt8]
    ) throws(CryptoError) -> [UInt8] {
        try wrap(try unwrapMaster(file, secret: oldSecret), source: newSource, secret: newSecret)
    }

    private static func unwrapMaster(_ file: [UInt8], secret: [UInt8]) throws(CryptoError) -> SymmetricKey {
        var reader = ByteReader(file)
        guard try reader.fixed(magic.count) == magic else {
            throw CryptoError(.unknownVersion, "not a DLGKS1 key file")
        }
        let source: Source
        switch try reader.u8() {
        case 1:
            let salt = try reader.fixed(16)
            source = .passphrase(
                salt: salt, log2N: try reader.u8(), blockSize: try reader.u8(), parallelism: try reader.u8())
        case 2:
            source = .rawKey
        default:
            throw CryptoError(.invalidEncoding, "unknown key source")
        }
        let header = Array(file[0..<reader.offset])
        let sealed = try reader.fixed(12 + 32 + 16)
        try reader.finish()
        let kek = try keyEncryptionKey(source: source, secret: secret)
        do {
            let master = try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: sealed), using: kek, authenticating: header)
            return SymmetricKey(data: master)
        } catch {
            throw CryptoError(.wrongPassphrase, "the store key does not unwrap with this secret")
        }
    }

    private static func keyEncryptionKey(source: Source, secret: [UInt8]) throws(CryptoError) -> SymmetricKey {
        switch source {
        case .passphrase(let salt, let log2N, let r, let p):
            guard log2NRange.contains(log2N), blockSizeRange.contains(r), parallelismRange.contains(p) else {
                throw CryptoError(.lengthTooLarge, "scrypt parameters outside the accepted range")
            }
            do {
                return try KDF.Scrypt.deriveKey(
                    from: secret, salt: salt, outputByteCount: 32, rounds: 1 << Int(log2N), blockSize: Int(r),
                    parallelism: Int(p))
            } catch {
                throw CryptoError(.invalidKey, "scrypt failed")
            }
        case .rawKey:
            guard secret.count == 32 else { throw CryptoError(.invalidKey, "a raw store key must be 32 bytes") }
            return KeyDerivation.hkdf(secret, salt: [], info: Label.storeRawKEK.encoded)
        }
    }

    /// Reads a raw 32-byte key file, refusing files readable or writable by group or others.
    /// - Throws: ``CryptoError/Code/insecureKeyFile``, ``CryptoError/Code/invalidKey``.
    package static func readRawKeyFile(atPath path: String) throws(CryptoError) -> [UInt8] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue,
            let data = FileManager.default.contents(atPath: path)
        else {
            throw CryptoError(.invalidKey, "key file cannot be read")
        }
        guard mode & 0o077 == 0 else {
            throw CryptoError(.insecureKeyFile, "key file must be mode 0600 (found \(String(mode, radix: 8)))")
        }
        guard data.count == 32 else { throw CryptoError(.invalidKey, "key file must hold exactly 32 bytes") }
        return Array(data)
    }
}
