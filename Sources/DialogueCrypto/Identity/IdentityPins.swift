import Crypto

/// Trust-on-first-use pins of other users' account identity keys, plus the newest device list seen
/// for each, so the directory cannot swap an identity or roll a device list back unnoticed.
///
/// Value type: the daemon persists it (encrypted) and passes it in; nothing here does I/O.
package struct IdentityPins: Sendable {
    /// What is remembered per user.
    package struct Pin: Hashable, Sendable {
        package var accountKey: [UInt8]
        /// The user compared safety numbers for this key.
        package var verified: Bool
        /// Set when a verified contact's key changed and was accepted: sending stays blocked until
        /// the user verifies again.
        package var needsReverification: Bool
        package var deviceListVersion: UInt64
        package var deviceListHash: [UInt8]

        package init(
            accountKey: [UInt8], verified: Bool, needsReverification: Bool, deviceListVersion: UInt64,
            deviceListHash: [UInt8]
        ) {
            self.accountKey = accountKey
            self.verified = verified
            self.needsReverification = needsReverification
            self.deviceListVersion = deviceListVersion
            self.deviceListHash = deviceListHash
        }
    }

    /// The explicit "identity changed" result: the directory serves an AIK different from the pin.
    package struct IdentityChange: Hashable, Sendable {
        package let user: UserID
        package let pinnedKey: [UInt8]
        package let presentedKey: [UInt8]
        /// When true, sending to this user is blocked until re-verified.
        package let wasVerified: Bool
    }

    /// Outcome of ``verify(_:nowMs:)``.
    package enum Verification: Sendable {
        /// Everything verified; `firstUse` is true when the AIK was pinned just now.
        case verified(VerifiedUserKeys, firstUse: Bool)
        /// The AIK differs from the pin; nothing was updated. Show a warning and call
        /// ``acceptIdentityChange(_:)`` only after the user agrees.
        case identityChanged(IdentityChange)
    }

    package private(set) var pins: [UserID: Pin] = [:]

    package init() {}

    /// Restores pins the daemon persisted (in its encrypted store).
    package init(pins: [UserID: Pin]) { self.pins = pins }

    /// Pins an identity received over an authenticated channel (our own AIK, or a link bundle).
    package mutating func pin(user: UserID, accountKey: [UInt8], verified: Bool) {
        pins[user] = Pin(
            accountKey: accountKey, verified: verified, needsReverification: false, deviceListVersion: 0,
            deviceListHash: [])
    }

    /// The pinned AIK of `user`, which roster hashes are recomputed with.
    package func accountKey(of user: UserID) -> [UInt8]? { pins[user]?.accountKey }

    /// Verifies a directory bundle for `bundle.deviceList.user`.
    ///
    /// Checks, in order: the AIK against the pin (TOFU on first sight), the device list signature,
    /// version monotonicity (lower → rollback; same version with other content → equivocation),
    /// each seal certificate under its device key, its validity at `nowMs`, and the small-order test.
    /// Devices whose certificate is missing or invalid stay listed but get no seal key.
    /// - Throws: ``CryptoError/Code/badSignature``, ``CryptoError/Code/rollback``,
    ///   ``CryptoError/Code/equivocation``, ``CryptoError/Code/lowOrderPoint``.
    package mutating func verify(_ bundle: UserKeyBundle, nowMs: UInt64) throws(CryptoError) -> Verification {
        let list = bundle.deviceList
        let user = list.user
        let existing = pins[user]
        if let existing, existing.accountKey != list.accountKey {
            return .identityChanged(
                IdentityChange(
                    user: user, pinnedKey: existing.accountKey, presentedKey: list.accountKey,
                    wasVerified: existing.verified || existing.needsReverification))
        }
        try list.verifySignature()
        let listHash = KeyDerivation.sha256(list.encoded)
        if let existing {
            if list.version < existing.deviceListVersion {
                throw CryptoError(
                    .rollback, "device list version \(list.version) is older than \(existing.deviceListVersion)")
            }
            if list.version == existing.deviceListVersion, !existing.deviceListHash.isEmpty,
                existing.deviceListHash != listHash
            {
                throw CryptoError(.equivocation, "two different device lists with version \(list.version)")
            }
        }
        var devices: [DeviceID: VerifiedUserKeys.Device] = [:]
        for entry in list.devices {
            let identityKey = try Ed25519.publicKey(entry.identityKey)
            let seal = bundle.sealCertificates.lazy.filter { $0.deviceID == entry.deviceID }.compactMap {
                try? $0.verify(identityKey: identityKey, user: user, nowMs: nowMs)
            }.first
            devices[entry.deviceID] = VerifiedUserKeys.Device(
                deviceID: entry.deviceID, identityKey: identityKey, sealKey: seal)
        }
        // A seal certificate that verifies but is small-order is an attack, not a stale key: surface it.
        for cert in bundle.sealCertificates {
            guard let device = devices[cert.deviceID], device.sealKey == nil else { continue }
            do {
                _ = try cert.verify(identityKey: device.identityKey, user: user, nowMs: nowMs)
            } catch  where error.code == .lowOrderPoint {
                throw error
            } catch {
                continue
            }
        }
        let firstUse = existing == nil
        pins[user] = Pin(
            accountKey: list.accountKey, verified: existing?.verified ?? false,
            needsReverification: existing?.needsReverification ?? false, deviceListVersion: list.version,
            deviceListHash: listHash)
        let keys = VerifiedUserKeys(
            user: user, accountKey: try Ed25519.publicKey(list.accountKey), deviceListVersion: list.version,
            devices: devices)
        return .verified(keys, firstUse: firstUse)
    }

    /// Like ``verify(_:nowMs:)`` but turns an identity change into a thrown error, for code paths
    /// that must not proceed (sending, op validation).
    /// - Throws: ``CryptoError/Code/identityChanged`` in addition to the codes of `verify`.
    package mutating func verifiedKeys(_ bundle: UserKeyBundle, nowMs: UInt64) throws(CryptoError) -> VerifiedUserKeys {
        switch try verify(bundle, nowMs: nowMs) {
        case .verified(let keys, _): return keys
        case .identityChanged(let change):
            throw CryptoError(.identityChanged, "account identity key of \(change.user) changed")
        }
    }

    /// Re-pins after the user accepted a changed identity; a previously verified contact stays
    /// blocked for sending until ``markVerified(_:)``.
    package mutating func acceptIdentityChange(_ change: IdentityChange) {
        pins[change.user] = Pin(
            accountKey: change.presentedKey, verified: false, needsReverification: change.wasVerified,
            deviceListVersion: 0, deviceListHash: [])
    }

    /// Records that the user compared safety numbers with `user`.
    package mutating func markVerified(_ user: UserID) {
        pins[user]?.verified = true
        pins[user]?.needsReverification = false
    }

    /// Whether sending to `user` is allowed (false after an accepted change of a verified identity).
    package func canSend(to user: UserID) -> Bool { pins[user].map { !$0.needsReverification } ?? true }
}
