import DialogueSchema

/// `PUT /api/keys/devices/:deviceId/seal`: a sealing-key certificate signed by the device key.
public struct SealCertificateRequest: Codable, Hashable, Sendable {
    public var cert: Bytes

    public init(cert: Bytes) { self.cert = cert }
}

extension SealCertificateRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`PUT /api/keys/devices/{deviceId}/seal`: a sealing-key certificate signed by the device key."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "cert": "At most 64 KiB."
    ]
}
