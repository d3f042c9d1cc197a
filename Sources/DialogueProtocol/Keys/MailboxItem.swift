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
