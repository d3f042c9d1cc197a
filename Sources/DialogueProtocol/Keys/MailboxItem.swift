import DialogueSchema
import Foundation

/// An opaque bundle one of a user's devices left for another (the HPKE link bundle).
public struct MailboxItem: Codable, Hashable, Sendable {
    public var id: String
    public var deviceId: String
    public var fromDeviceId: String
    public var payload: Bytes
    public var createdAt: Date

    public init(id: String, deviceId: String, fromDeviceId: String, payload: Bytes, createdAt: Date) {
        self.id = id
        self.deviceId = deviceId
        self.fromDeviceId = fromDeviceId
        self.payload = payload
        self.createdAt = createdAt
    }
}

extension MailboxItem: SchemaComponent {
    package static let schemaDescription: String? =
        "An opaque bundle one of a user's devices left for another (the HPKE link bundle)."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .serverId(),
        "deviceId": .clientId("The device the bundle is for."),
        "fromDeviceId": .clientId(),
    ]
}
