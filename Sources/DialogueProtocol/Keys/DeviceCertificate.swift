import DialogueSchema
import Foundation

/// A device's current sealing-key certificate as stored in the directory.
public struct DeviceCertificate: Codable, Hashable, Sendable {
    public var deviceId: String
    public var cert: Bytes
    public var updatedAt: Date

    public init(deviceId: String, cert: Bytes, updatedAt: Date) {
        self.deviceId = deviceId
        self.cert = cert
        self.updatedAt = updatedAt
    }
}

extension DeviceCertificate: SchemaComponent {
    package static let schemaDescription: String? =
        "A device's current sealing-key certificate as stored in the directory."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "deviceId": .clientId(),
        "cert": "Signed by the device key.",
    ]
}
