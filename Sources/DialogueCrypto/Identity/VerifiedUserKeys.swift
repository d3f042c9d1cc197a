import Crypto

/// A user's keys after every check of ``IdentityPins/verify(_:nowMs:)`` passed: pinned AIK, signed
/// device list, certified non-small-order seal keys. Recipient sets are computed only from this.
package struct VerifiedUserKeys: Sendable {
    /// One verified device.
    package struct Device: Sendable {
        package let deviceID: DeviceID
        package let identityKey: Curve25519.Signing.PublicKey
        /// `nil` when the device has no valid seal key now (it cannot receive epoch secrets).
        package let sealKey: Curve25519.KeyAgreement.PublicKey?
        package var sealKeyID: SealKeyID? { sealKey.map { SealKeyID(sealKey: $0) } }
    }

    package let user: UserID
    package let accountKey: Curve25519.Signing.PublicKey
    package let deviceListVersion: UInt64
    package let devices: [DeviceID: Device]

    package var accountKeyBytes: [UInt8] { Array(accountKey.rawRepresentation) }
}
