import DialogueSchema

/// `GET /api/keys/pending`.
public struct PendingDevicesResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var devices: [PendingDevice]

    public init(devices: [PendingDevice]) {
        self.success = true
        self.devices = devices
    }
}

extension PendingDevicesResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "Devices waiting to be linked, oldest first."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
