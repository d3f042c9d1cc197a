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
