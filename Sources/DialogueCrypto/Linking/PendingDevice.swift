/// What a new device uploads before it is linked: its keys, its seal certificate and the HMAC
/// commitment under the link secret. It is not in the device list yet.
package struct PendingDevice: Hashable, Sendable {
    package let identityKey: [UInt8]
    package let certificate: SealKeyCertificate
    package let commitment: [UInt8]

    package init(identityKey: [UInt8], certificate: SealKeyCertificate, commitment: [UInt8]) {
        self.identityKey = identityKey
        self.certificate = certificate
        self.commitment = commitment
    }

    /// The record the new device uploads.
    package init(keys: DeviceKeys, secret: LinkSecret) {
        identityKey = keys.identityPublicKey
        certificate = keys.certificate
        commitment = secret.commitment(
            user: keys.user, identityKey: keys.identityPublicKey, sealKey: keys.certificate.sealKey)
    }

    /// Picks the pending device whose commitment verifies under the secret the user typed or
    /// scanned, and checks its certificate; a server-substituted key cannot pass.
    /// - Throws: ``CryptoError/Code/badCommitment`` when none verifies.
    package static func select(
        from candidates: [PendingDevice],
        secret: LinkSecret,
        user: UserID,
        nowMs: UInt64
    ) throws(CryptoError) -> PendingDevice {
        for candidate in candidates where candidate.certificate.user == user && secret.verifies(candidate) {
            _ = try candidate.certificate.verify(
                identityKey: Ed25519.publicKey(candidate.identityKey), user: user, nowMs: nowMs)
            return candidate
        }
        throw CryptoError(.badCommitment, "no pending device matches the link code")
    }
}
