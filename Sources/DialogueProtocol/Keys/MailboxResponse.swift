import DialogueSchema

/// `GET /api/keys/mailbox/:deviceId`.
public struct MailboxResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var items: [MailboxItem]

    public init(items: [MailboxItem]) {
        self.success = true
        self.items = items
    }
}

extension MailboxResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "Mailbox items, oldest first."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
