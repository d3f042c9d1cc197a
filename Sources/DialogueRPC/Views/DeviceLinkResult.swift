/// The `devices.link` result: on a new device (no code), the code to show and when it expires;
/// on a linked device (with the code), the device just linked and the account's devices now.
package struct DeviceLinkResult: Codable, Sendable, Equatable {
    package var deviceId: String
    package var code: String?
    package var expiresAt: String?
    package var devices: [DeviceView]?

    package init(deviceId: String, code: String? = nil, expiresAt: String? = nil, devices: [DeviceView]? = nil) {
        self.deviceId = deviceId
        self.code = code
        self.expiresAt = expiresAt
        self.devices = devices
    }
}
