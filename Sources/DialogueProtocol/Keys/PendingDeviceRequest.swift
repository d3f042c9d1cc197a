import DialogueSchema

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

extension PendingDeviceRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/keys/pending`: a new device announces itself to the account's other "
        + "devices. Announcing the same device again replaces the earlier announcement."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "deviceId": .clientId(),
        "commitment": "The HMAC commitment to the link secret; at most 1 KiB.",
        "payload": "The device's public keys; at most 64 KiB.",
    ]
}
