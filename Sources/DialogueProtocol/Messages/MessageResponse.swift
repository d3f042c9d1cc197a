import DialogueSchema

/// One message.
public struct MessageResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var message: Message

    public init(message: Message) {
        self.success = true
        self.message = message
    }
}

extension MessageResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "One message."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
