import Crypto

/// The unlocked store master key; hands out per-table ciphers with their own sub-keys.
package struct StoreCipher: Sendable {
    private let masterKey: SymmetricKey

    package init(masterKey: SymmetricKey) { self.masterKey = masterKey }

    /// The cipher for `table`: `K_enc = HKDF(SMK, L("store/enc") ‖ vec(table))`,
    /// `K_idx = HKDF(SMK, L("store/idx") ‖ vec(table))`.
    package func table(_ name: String) -> TableCipher {
        var nameVec = ByteWriter()
        nameVec.string(name)
        return TableCipher(
            name: name,
            encryptionKey: KeyDerivation.hkdf(masterKey, salt: [], info: Label.storeEncryption.encoded + nameVec.bytes),
            indexKey: KeyDerivation.hkdf(masterKey, salt: [], info: Label.storeIndex.encoded + nameVec.bytes))
    }
}
