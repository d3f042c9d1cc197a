/// One of this account's devices, from the verified directory.
package struct DeviceView: Codable, Sendable, Equatable {
    package var id: String
    /// This daemon's own device.
    package var current: Bool
    /// Whether it has published a key to receive sealed messages yet.
    package var canReceive: Bool

    package init(id: String, current: Bool, canReceive: Bool) {
        self.id = id
        self.current = current
        self.canReceive = canReceive
    }
}
