import DialogueCrypto

/// One simulated user for E2EE fixtures: an account identity, devices, and the bundle the key
/// directory would serve, all made locally with the real key types.
package struct SimulatedUser {
    /// A fixed clock for fixtures (2026-11-01T00:00:00Z).
    package static let now: UInt64 = 1_793_491_200_000

    package let id: UserID
    package let account: AccountIdentity
    package var devices: [DeviceKeys]
    package var listVersion: UInt64 = 1

    package init(_ name: String, devices count: Int = 1, nowMs: UInt64 = SimulatedUser.now) throws {
        let user = try UserID(name)
        id = user
        account = AccountIdentity()
        devices = try (0..<count).map { _ in try DeviceKeys(user: user, nowMs: nowMs) }
    }

    package var device: DeviceKeys { devices[0] }

    package func deviceList(version: UInt64? = nil) throws -> DeviceList {
        try account.signDeviceList(
            user: id, version: version ?? listVersion, issuedAtMs: Self.now,
            devices: devices.map { $0.listEntry(addedAtMs: Self.now) })
    }

    package func bundle(version: UInt64? = nil) throws -> UserKeyBundle {
        UserKeyBundle(deviceList: try deviceList(version: version), sealCertificates: devices.map(\.certificate))
    }

    /// A verified directory built the way a client builds it: pin (TOFU) and verify every bundle.
    package static func directory(_ users: [SimulatedUser], pins: inout IdentityPins, nowMs: UInt64 = now) throws
        -> VerifiedDirectory
    {
        var directory = VerifiedDirectory()
        for user in users { directory.update(try pins.verifiedKeys(user.bundle(), nowMs: nowMs)) }
        return directory
    }

    package static func directory(_ users: [SimulatedUser]) throws -> VerifiedDirectory {
        var pins = IdentityPins()
        return try directory(users, pins: &pins)
    }
}
