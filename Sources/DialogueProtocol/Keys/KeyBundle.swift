import DialogueSchema
import Foundation

/// Everything the directory holds for one user. Clients verify it; the server cannot forge it.
public struct KeyBundle: Codable, Hashable, Sendable {
    public var userId: String
    public var aik: Bytes
    public var deviceListVersion: Int64
    public var deviceList: Bytes
    public var devices: [DeviceCertificate]
    public var updatedAt: Date

    public init(
        userId: String,
        aik: Bytes,
        deviceListVersion: Int64,
        deviceList: Bytes,
        devices: [DeviceCertificate],
        updatedAt: Date
    ) {
        self.userId = userId
        self.aik = aik
        self.deviceListVersion = deviceListVersion
        self.deviceList = deviceList
        self.devices = devices
        self.updatedAt = updatedAt
    }
}

extension KeyBundle: SchemaComponent {
    package static let schemaDescription: String? =
        "Everything the key directory holds for one user. Clients verify it; the server cannot forge it."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "userId": .serverId(),
        "aik": "The account identity public key (Ed25519, 32 bytes).",
        "deviceListVersion": .minimum(1),
        "deviceList": "The device list signed by the account key.",
        "devices": "Sorted by device id.",
    ]
}
