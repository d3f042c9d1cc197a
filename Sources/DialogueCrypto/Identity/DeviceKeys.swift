import Crypto

/// The private keys of one device: the long-term signing key IK (Ed25519) and the rotating sealing
/// key SEAL (X25519), plus the certificate that binds SEAL to IK.
package struct DeviceKeys: Sendable {
    /// Longest validity of one seal key; rotation happens at least this often.
    package static let sealKeyLifetimeMs: UInt64 = 30 * 24 * 3600 * 1000

    package let user: UserID
    package let identityKey: Curve25519.Signing.PrivateKey
    package private(set) var sealKey: Curve25519.KeyAgreement.PrivateKey
    package private(set) var certificate: SealKeyCertificate
    /// Old seal keys kept for the grace period so late envelopes still open.
    package private(set) var retiredSealKeys: [Curve25519.KeyAgreement.PrivateKey] = []

    package init(
        user: UserID,
        identityKey: Curve25519.Signing.PrivateKey = .init(),
        sealKey: Curve25519.KeyAgreement.PrivateKey = .init(),
        nowMs: UInt64
    ) throws(CryptoError) {
        self.user = user
        self.identityKey = identityKey
        self.sealKey = sealKey
        certificate = try SealKeyCertificate.issue(
            user: user, identityKey: identityKey, sealKey: sealKey.publicKey, notBeforeMs: nowMs,
            notAfterMs: nowMs + Self.sealKeyLifetimeMs)
    }

    /// Restores persisted keys, checking that the certificate belongs to them.
    /// - Throws: ``CryptoError/Code/invalidKey`` when the certificate names another key or device.
    package init(
        user: UserID,
        identityKey: Curve25519.Signing.PrivateKey,
        sealKey: Curve25519.KeyAgreement.PrivateKey,
        certificate: SealKeyCertificate,
        retiredSealKeys: [Curve25519.KeyAgreement.PrivateKey] = []
    ) throws(CryptoError) {
        guard certificate.user == user, certificate.deviceID == DeviceID(identityKey: identityKey.publicKey),
            certificate.sealKey == Array(sealKey.publicKey.rawRepresentation)
        else {
            throw CryptoError(.invalidKey, "seal key certificate does not match these keys")
        }
        try Ed25519.verify(
            certificate.signature, over: certificate.body, purpose: .signSealKey, with: identityKey.publicKey)
        self.user = user
        self.identityKey = identityKey
        self.sealKey = sealKey
        self.certificate = certificate
        self.retiredSealKeys = retiredSealKeys
    }

    package var deviceID: DeviceID { DeviceID(identityKey: identityKey.publicKey) }
    package var identityPublicKey: [UInt8] { Array(identityKey.publicKey.rawRepresentation) }
    package var sealKeyID: SealKeyID { SealKeyID(sealKey: sealKey.publicKey) }

    /// Replaces the seal key and issues a new certificate; the old private key stays usable for
    /// opening until ``forgetRetiredSealKeys()`` (the only forward-secrecy knob for envelopes).
    package mutating func rotateSealKey(nowMs: UInt64) throws(CryptoError) {
        let fresh = Curve25519.KeyAgreement.PrivateKey()
        let cert = try SealKeyCertificate.issue(
            user: user, identityKey: identityKey, sealKey: fresh.publicKey, notBeforeMs: nowMs,
            notAfterMs: nowMs + Self.sealKeyLifetimeMs)
        retiredSealKeys.append(sealKey)
        sealKey = fresh
        certificate = cert
    }

    package mutating func forgetRetiredSealKeys() { retiredSealKeys.removeAll() }

    /// The private seal key whose id is `id`, current or retired.
    package func sealPrivateKey(for id: SealKeyID) -> Curve25519.KeyAgreement.PrivateKey? {
        ([sealKey] + retiredSealKeys).first { SealKeyID(sealKey: $0.publicKey) == id }
    }

    /// This device's entry for a device list.
    package func listEntry(addedAtMs: UInt64) -> DeviceList.Entry {
        DeviceList.Entry(identityKey: identityKey.publicKey, addedAtMs: addedAtMs)
    }
}
