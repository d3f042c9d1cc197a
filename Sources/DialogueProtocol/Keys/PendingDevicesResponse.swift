/// `GET /api/keys/pending`.
public struct PendingDevicesResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var devices: [PendingDevice]

    public init(devices: [PendingDevice]) {
        self.success = true
        self.devices = devices
    }
}
