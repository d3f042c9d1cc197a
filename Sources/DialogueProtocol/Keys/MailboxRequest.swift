import DialogueSchema

/// `POST /api/keys/mailbox/:deviceId`.
public struct MailboxRequest: Codable, Hashable, Sendable {
    public var fromDeviceId: String
    public var payload: Bytes

    public init(fromDeviceId: String, payload: Bytes) {
        self.fromDeviceId = fromDeviceId
        self.payload = payload
    }
}

extension MailboxRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/keys/mailbox/{deviceId}`."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "fromDeviceId": .clientId(),
        "payload": "The HPKE link bundle; at most 4 MiB.",
    ]
}
