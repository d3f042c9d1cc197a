/// The `device.linked` notification, on the new device once it holds the account's keys.
package struct DeviceLinkedView: Codable, Sendable, Equatable {
    package var deviceId: String
    /// How many conversations' keys came with the link.
    package var conversations: Int

    package init(deviceId: String, conversations: Int) {
        self.deviceId = deviceId
        self.conversations = conversations
    }
}
