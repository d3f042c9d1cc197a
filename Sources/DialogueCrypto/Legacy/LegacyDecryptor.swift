import Crypto
import CryptoExtras
import Foundation

/// Read-only decryption of the original app's crypto-js passphrase format, for the explicit
/// `import-legacy` command only; it is never reachable from the network receive path and there is
/// deliberately no encrypt function.
///
/// Format: base64(`"Salted__" ‖ salt(8) ‖ AES-256-CBC-PKCS7(plaintext)`) with key and IV from
/// OpenSSL's EVP_BytesToKey (MD5, one iteration). The original keyed direct chats with
/// `sorted([idA, idB]).joined("-")` and groups with the conversation id, both known to its server, so
/// whatever this returns was never end-to-end protected and its authenticity is unknown.
package enum LegacyDecryptor {
    /// The original app's passphrase for a direct chat: the two user ids sorted and joined by "-".
    package static func directPassphrase(_ a: String, _ b: String) -> String {
        [a, b].sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }.joined(separator: "-")
    }

    /// The original app's passphrase for a group: the conversation id.
    package static func groupPassphrase(_ conversationID: String) -> String { conversationID }

    /// EVP_BytesToKey(MD5, count 1): `D_i = MD5(D_{i-1} ‖ P ‖ salt)`, key = D1‖D2, iv = D3.
    package static func deriveKeyAndIV(passphrase: [UInt8], salt: [UInt8]) -> (key: [UInt8], iv: [UInt8]) {
        var material: [UInt8] = []
        var previous: [UInt8] = []
        while material.count < 48 {
            var md5 = Insecure.MD5()
            md5.update(data: previous)
            md5.update(data: passphrase)
            md5.update(data: salt)
            previous = Array(md5.finalize())
            material += previous
        }
        return (Array(material[0..<32]), Array(material[32..<48]))
    }

    /// Decrypts one legacy ciphertext string.
    ///
    /// Every failure (bad base64, header, length, padding, UTF-8) is the same
    /// ``CryptoError/Code/legacyFormat`` error: padding is not an integrity check, and distinct errors
    /// would be a padding oracle.
    package static func decrypt(_ text: String, passphrase: String) throws(CryptoError) -> String {
        let failure = CryptoError(.legacyFormat, "not a readable legacy ciphertext for this passphrase")
        guard let data = Data(base64Encoded: text) else { throw failure }
        let blob = Array(data)
        guard blob.count >= 32, blob.count % 16 == 0, blob[0..<8].elementsEqual("Salted__".utf8) else {
            throw failure
        }
        let salt = Array(blob[8..<16])
        let (key, iv) = deriveKeyAndIV(passphrase: Array(passphrase.utf8), salt: salt)
        guard
            let ivValue = try? AES._CBC.IV(ivBytes: iv),
            let raw = try? AES._CBC.decrypt(blob[16...], using: SymmetricKey(data: key), iv: ivValue, noPadding: true),
            let last = raw.last, (1...16).contains(last), raw.suffix(Int(last)).allSatisfy({ $0 == last }),
            let plaintext = String(validating: raw.dropLast(Int(last)), as: UTF8.self)
        else {
            throw failure
        }
        return plaintext
    }
}
