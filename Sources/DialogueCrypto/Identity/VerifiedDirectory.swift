import Crypto

/// The verified keys of every user this device talks to, the only source of recipient sets and
/// author keys for op and event validation. Devices dropped from a list are remembered as retired so
/// historical ops they signed still verify.
package struct VerifiedDirectory: Sendable {
    package private(set) var users: [UserID: VerifiedUserKeys] = [:]
    package private(set) var retiredDevices: [UserID: [DeviceID: Curve25519.Signing.PublicKey]] = [:]

    package init() {}

    package mutating func update(_ keys: VerifiedUserKeys) {
        if let old = users[keys.user] {
            for (id, device) in old.devices where keys.devices[id] == nil {
                retiredDevices[keys.user, default: [:]][id] = device.identityKey
            }
        }
        users[keys.user] = keys
    }

    package subscript(user: UserID) -> VerifiedUserKeys? { users[user] }

    /// The identity key of a current device of `user`.
    package func currentDevice(_ device: DeviceID, of user: UserID) -> VerifiedUserKeys.Device? {
        users[user]?.devices[device]
    }

    /// Ids of the current and retired devices of `user`: the devices an op in the log may have
    /// sealed to when it was made.
    package func knownDeviceIDs(of user: UserID) -> Set<DeviceID> {
        var ids = Set(users[user]?.devices.keys.map { $0 } ?? [])
        ids.formUnion(retiredDevices[user]?.keys.map { $0 } ?? [])
        return ids
    }

    /// The identity key of a current or retired device, for verifying historical ops.
    package func anyDeviceKey(_ device: DeviceID, of user: UserID) -> Curve25519.Signing.PublicKey? {
        users[user]?.devices[device]?.identityKey ?? retiredDevices[user]?[device]
    }
}
