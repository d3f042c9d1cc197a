/// The `device.linkExpired` notification: the code this device showed expired unused.
package struct DeviceLinkExpiredView: Codable, Sendable, Equatable {
    package var deviceId: String

    package init(deviceId: String) {
        self.deviceId = deviceId
    }
}
