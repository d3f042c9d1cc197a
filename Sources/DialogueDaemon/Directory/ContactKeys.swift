import DialogueCrypto
import DialogueProtocol
import DialogueStore

/// Contacts' keys as this device trusts them: the pins (each contact's account key, first seen
/// or verified), the directory of device keys that verified against them, and the bundles they
/// came from, kept so a restart offline rebuilds the same directory.
///
/// A value owned by the session: every change is synchronous, so a key fetch and the events that
/// depend on it see one consistent directory.
struct ContactKeys: Sendable {
    private(set) var pins: IdentityPins
    private(set) var directory = VerifiedDirectory()
    private(set) var bundles: [String: KeyBundle] = [:]

    init(pins: IdentityPins = IdentityPins()) {
        self.pins = pins
    }

    /// Rebuilds from the cache: a bundle that no longer verifies (it cannot, offline, become
    /// valid) is kept for the next fetch but adds no keys.
    init(records: [String: PinRecord], bundles: [KeyBundle], nowMs: UInt64) throws {
        var restored: [UserID: IdentityPins.Pin] = [:]
        for (user, record) in records { restored[try UserID(user)] = record.pin }
        self.init(pins: IdentityPins(pins: restored))
        for bundle in bundles {
            self.bundles[bundle.userId] = bundle
            if let keys = try? pins.verifiedKeys(Self.userKeyBundle(bundle), nowMs: nowMs) { directory.update(keys) }
        }
    }

    static func userKeyBundle(_ bundle: KeyBundle) throws -> UserKeyBundle {
        UserKeyBundle(
            deviceList: try DeviceList(parsing: Array(bundle.deviceList.data)),
            sealCertificates: try bundle.devices.map { try SealKeyCertificate(parsing: Array($0.cert.data)) })
    }

    /// Whether verified keys of `user` are here.
    func knows(_ user: UserID) -> Bool { directory[user] != nil }

    /// Verifies a fetched bundle against the pin and records it. A changed identity is accepted
    /// and returned, so the session can announce it; for a verified contact the pin then blocks
    /// sending until re-verified (``canSend(to:)``).
    mutating func accept(_ bundle: KeyBundle, nowMs: UInt64) throws(DaemonError) -> IdentityPins.IdentityChange? {
        let outcome: IdentityPins.Verification
        do {
            outcome = try pins.verify(Self.userKeyBundle(bundle), nowMs: nowMs)
        } catch {
            throw DaemonError(.forbidden, "The keys the server holds for \(bundle.userId) do not verify", cause: error)
        }
        var changed: IdentityPins.IdentityChange?
        switch outcome {
        case .verified(let keys, _):
            directory.update(keys)
        case .identityChanged(let change):
            pins.acceptIdentityChange(change)
            changed = change
            do {
                directory.update(try pins.verifiedKeys(Self.userKeyBundle(bundle), nowMs: nowMs))
            } catch {
                throw DaemonError(.forbidden, "The new keys of \(bundle.userId) do not verify", cause: error)
            }
        }
        bundles[bundle.userId] = bundle
        return changed
    }

    /// The cache writes that keep `userId`'s bundle and every pin.
    func writes(for userId: String) throws -> [LocalStore.MetaWrite] {
        [try .init("directory.\(userId)", bundles[userId]), try pinsWrite()]
    }

    func pinsWrite() throws -> LocalStore.MetaWrite {
        var records: [String: PinRecord] = [:]
        for (user, pin) in pins.pins { records[user.rawValue] = PinRecord(pin) }
        return try .init(PinRecord.metaKey, records)
    }

    /// The first of `userIds` whose verified identity changed and was not re-verified.
    func firstUntrusted(_ userIds: some Sequence<String>) -> String? {
        userIds.first { userId in (try? UserID(userId)).map { !pins.canSend(to: $0) } ?? false }
    }

    /// The safety number with `user` and whether it was verified; `nil` without their keys.
    func safetyNumber(with user: UserID, me: UserID, myKey: [UInt8]) -> (SafetyNumber, verified: Bool)? {
        guard let theirs = pins.accountKey(of: user) else { return nil }
        let number = SafetyNumber(local: me, localKey: myKey, remote: user, remoteKey: theirs)
        return (number, pins.pins[user]?.verified ?? false)
    }

    mutating func markVerified(_ user: UserID) {
        pins.markVerified(user)
    }

    /// The contacts' pins a new device of this account inherits.
    func linkPins(excluding me: UserID) -> [LinkBundle.ContactPin] {
        pins.pins.filter { $0.key != me }.map { user, pin in
            LinkBundle.ContactPin(user: user, accountKey: pin.accountKey, verified: pin.verified)
        }
    }
}
