import Crypto

/// HKDF-SHA256 and SHA-256 helpers over byte arrays.
package enum KeyDerivation {
    package static func hkdf(_ ikm: [UInt8], salt: [UInt8], info: [UInt8], count: Int = 32) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: ikm), salt: salt, info: info, outputByteCount: count)
    }

    package static func hkdf(_ ikm: SymmetricKey, salt: [UInt8], info: [UInt8], count: Int = 32) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: count)
    }

    package static func sha256(_ parts: [UInt8]...) -> [UInt8] {
        var hasher = SHA256()
        for part in parts { hasher.update(data: part) }
        return Array(hasher.finalize())
    }
}

extension SymmetricKey {
    /// The raw key bytes (for sealing keys into bundles and tests only).
    package var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}
