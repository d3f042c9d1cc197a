import DialogueSchema

/// `PUT /api/keys/device-list`: publish the account key and a signed device list whose version
/// is strictly greater than the stored one.
public struct DeviceListRequest: Codable, Hashable, Sendable {
    /// The account identity public key (Ed25519).
    public var aik: Bytes
    public var version: Int64
    /// The device list signed by the account key; opaque to the server.
    public var deviceList: Bytes

    public init(aik: Bytes, version: Int64, deviceList: Bytes) {
        self.aik = aik
        self.version = version
        self.deviceList = deviceList
    }
}

extension DeviceListRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`PUT /api/keys/device-list`: the account key and a signed device list whose "
        + "version is strictly greater than the stored one."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "aik": "The account identity public key (Ed25519): exactly 32 bytes.",
        "version": .minimum(1),
        "deviceList": "Signed by the account key; at most 64 KiB.",
    ]
}
