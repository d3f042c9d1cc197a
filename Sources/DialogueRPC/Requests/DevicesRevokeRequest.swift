/// `devices.revoke`: Revoke one of this account's devices.
package struct DevicesRevokeRequest: LocalRequest {
    package typealias Response = [DeviceView]
    package static let method = "devices.revoke"
    package static let summary = "Revoke one of this account's devices."

    package var deviceId: String

    package init(deviceId: String) {
        self.deviceId = deviceId
    }
}
