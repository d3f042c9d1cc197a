/// `POST /api/keys/pending`: a new device announces itself to the account's other devices.
public struct PendingDeviceRequest: Codable, Hashable, Sendable {
    public var deviceId: String
    public var commitment: Bytes
    public var payload: Bytes

    public init(deviceId: String, commitment: Bytes, payload: Bytes) {
        self.deviceId = deviceId
        self.commitment = commitment
        self.payload = payload
    }
}
