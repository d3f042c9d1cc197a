import DialogueCrypto
import DialogueProtocol
import DialogueSync
import Foundation

extension DeviceIdentity {
    /// Publishes the next signed device list (this device) and this device's seal-key certificate.
    mutating func publish(with client: ServerClient, token: String) async throws(DaemonError) {
        let (account, device) = try unpack()
        let version = deviceListVersion + 1
        let list: DeviceList
        do {
            list = try account.signDeviceList(
                user: device.user, version: version, issuedAtMs: AccountSession.nowMs(),
                devices: [device.listEntry(addedAtMs: addedAtMs)])
        } catch {
            throw DaemonError(.failed, "Signing the device list failed", cause: error)
        }
        _ = try await DaemonError.converting {
            try await client.publishDeviceList(
                DeviceListRequest(
                    aik: Bytes(Data(account.publicKeyBytes)), version: Int64(version),
                    deviceList: Bytes(Data(list.encoded))
                ),
                token: token)
        }
        try await DaemonError.converting {
            try await client.publishSealCertificate(
                SealCertificateRequest(cert: Bytes(Data(device.certificate.encoded))),
                deviceId: device.deviceID.description,
                token: token)
        }
        deviceListVersion = version
    }
}
