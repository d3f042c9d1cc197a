import Crypto

/// Binds a device's X25519 seal key to its Ed25519 identity key for a validity window:
/// `Sign(IK, "seal-key", vec(user_id) ‖ device_id ‖ seal_pub ‖ u64(not_before_ms) ‖ u64(not_after_ms))`.
///
/// Wire form: the body followed by the 64-byte signature.
package struct SealKeyCertificate: Hashable, Sendable {
    package let user: UserID
    package let deviceID: DeviceID
    package let sealKey: [UInt8]
    package let notBeforeMs: UInt64
    package let notAfterMs: UInt64
    package let signature: [UInt8]

    package static func issue(
        user: UserID,
        identityKey: Curve25519.Signing.PrivateKey,
        sealKey: Curve25519.KeyAgreement.PublicKey,
        notBeforeMs: UInt64,
        notAfterMs: UInt64
    ) throws(CryptoError) -> SealKeyCertificate {
        let deviceID = DeviceID(identityKey: identityKey.publicKey)
        let sealRaw = Array(sealKey.rawRepresentation)
        let body = Self.body(
            user: user, deviceID: deviceID, sealKey: sealRaw, notBeforeMs: notBeforeMs, notAfterMs: notAfterMs)
        let signature = try Ed25519.sign(body, purpose: .signSealKey, with: identityKey)
        return SealKeyCertificate(
            user: user, deviceID: deviceID, sealKey: sealRaw, notBeforeMs: notBeforeMs, notAfterMs: notAfterMs,
            signature: signature)
    }

    private init(
        user: UserID, deviceID: DeviceID, sealKey: [UInt8], notBeforeMs: UInt64, notAfterMs: UInt64,
        signature: [UInt8]
    ) {
        self.user = user
        self.deviceID = deviceID
        self.sealKey = sealKey
        self.notBeforeMs = notBeforeMs
        self.notAfterMs = notAfterMs
        self.signature = signature
    }

    private static func body(
        user: UserID, deviceID: DeviceID, sealKey: [UInt8], notBeforeMs: UInt64, notAfterMs: UInt64
    ) -> [UInt8] {
        var writer = ByteWriter()
        writer.userID(user)
        writer.fixed(deviceID.bytes)
        writer.fixed(sealKey)
        writer.u64(notBeforeMs)
        writer.u64(notAfterMs)
        return writer.bytes
    }

    package var body: [UInt8] {
        Self.body(user: user, deviceID: deviceID, sealKey: sealKey, notBeforeMs: notBeforeMs, notAfterMs: notAfterMs)
    }

    package var encoded: [UInt8] { body + signature }

    package init(parsing bytes: [UInt8]) throws(CryptoError) {
        var reader = ByteReader(bytes)
        let user = try reader.userID()
        let deviceID = try reader.deviceID()
        let sealKey = try reader.fixed(X25519.keySize)
        let notBefore = try reader.u64()
        let notAfter = try reader.u64()
        let signature = try reader.fixed(Ed25519.signatureSize)
        try reader.finish()
        self.init(
            user: user, deviceID: deviceID, sealKey: sealKey, notBeforeMs: notBefore, notAfterMs: notAfter,
            signature: signature)
    }

    /// Checks the signature under the device's identity key, the window and the small-order test.
    /// - Returns: the usable seal public key.
    package func verify(
        identityKey: Curve25519.Signing.PublicKey,
        user expectedUser: UserID,
        nowMs: UInt64
    ) throws(CryptoError) -> Curve25519.KeyAgreement.PublicKey {
        guard user == expectedUser, deviceID == DeviceID(identityKey: identityKey) else {
            throw CryptoError(.unknownDevice, "seal key certificate names another user or device")
        }
        try Ed25519.verify(signature, over: body, purpose: .signSealKey, with: identityKey)
        guard notBeforeMs < notAfterMs, notAfterMs - notBeforeMs <= DeviceKeys.sealKeyLifetimeMs else {
            throw CryptoError(.expired, "seal key validity window is longer than 30 days")
        }
        guard nowMs >= notBeforeMs, nowMs <= notAfterMs else {
            throw CryptoError(.expired, "seal key certificate is not valid now")
        }
        return try X25519.validatedPublicKey(sealKey)
    }
}
