import DialogueSchema
import Foundation

/// A device waiting to be linked: its HMAC commitment to the link secret, and its public keys.
public struct PendingDevice: Codable, Hashable, Sendable {
    public var deviceId: String
    public var commitment: Bytes
    public var payload: Bytes
    public var createdAt: Date

    public init(deviceId: String, commitment: Bytes, payload: Bytes, createdAt: Date) {
        self.deviceId = deviceId
        self.commitment = commitment
        self.payload = payload
        self.createdAt = createdAt
    }
}

extension PendingDevice: SchemaComponent {
    package static let schemaDescription: String? =
        "A device waiting to be linked: its HMAC commitment to the link secret, and its public keys."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "deviceId": .clientId()
    ]
}
