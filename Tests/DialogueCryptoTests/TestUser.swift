import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

/// One simulated user: account identity, devices, and the bundle the directory would serve.
struct TestUser {
    let id: UserID
    let account: AccountIdentity
    var devices: [DeviceKeys]
    var listVersion: UInt64 = 1

    init(_ name: String, devices count: Int = 1, nowMs: UInt64 = testNow) throws {
        let user = try UserID(name)
        id = user
        account = AccountIdentity()
        devices = try (0..<count).map { _ in try DeviceKeys(user: user, nowMs: nowMs) }
    }

    var device: DeviceKeys { devices[0] }

    func deviceList(version: UInt64? = nil) throws -> DeviceList {
        try account.signDeviceList(
            user: id, version: version ?? listVersion, issuedAtMs: testNow,
            devices: devices.map { $0.listEntry(addedAtMs: testNow) })
    }

    func bundle(version: UInt64? = nil) throws -> UserKeyBundle {
        UserKeyBundle(deviceList: try deviceList(version: version), sealCertificates: devices.map(\.certificate))
    }
}
