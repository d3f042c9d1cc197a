import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import Foundation

/// Revoking one of this account's devices: the account key signs a device list without it, and
/// every conversation rekeys before its next message, so the revoked device reads nothing new.
extension AccountSession {
    /// `devices.revoke`.
    package func revokeDevice(_ deviceId: String) async throws(DaemonError) -> JSONValue {
        try await serialized { () async throws(DaemonError) -> JSONValue in
            try await ensureKeys(for: [me], refresh: true)
            guard let bundle = bundles[me], let current = try? DeviceList(parsing: Array(bundle.deviceList.data)),
                let revoked = current.devices.first(where: { $0.deviceID.description == deviceId })
            else {
                throw DaemonError(.notFound, "This account has no device \(deviceId) (see devices.list)")
            }
            guard revoked.deviceID != deviceKeys.deviceID else {
                throw DaemonError(
                    .forbidden, "That is this device: revoke it from another of your devices, or log out here")
            }
            let version = max(identity.deviceListVersion, current.version) + 1
            let list: DeviceList
            do {
                list = try accountIdentity.signDeviceList(
                    user: deviceKeys.user, version: version, issuedAtMs: Self.nowMs(),
                    devices: current.devices.filter { $0.deviceID != revoked.deviceID })
            } catch {
                throw DaemonError(.failed, "Signing the device list failed: \(error)")
            }
            _ = try await client.publishDeviceList(
                DeviceListRequest(
                    aik: Bytes(Data(accountIdentity.publicKeyBytes)), version: Int64(version),
                    deviceList: Bytes(Data(list.encoded))),
                token: token)
            identity.deviceListVersion = version
            do {
                try await store.setMeta(DeviceIdentity.metaKey, identity)
            } catch {
                throw DaemonError(.failed, "Saving the device list version failed: \(error)")
            }
            try await ensureKeys(for: [me], refresh: true)
            logger.notice("revoked a device", metadata: ["dialogue.device": "\(deviceId)"])
            return try await devices()
        }
    }
}
