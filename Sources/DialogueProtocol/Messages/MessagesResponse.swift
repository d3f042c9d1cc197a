import DialogueSchema

/// A page of messages, oldest first. `nextBefore` continues further back when there is more.
public struct MessagesResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var messages: [Message]
    public var nextBefore: String?

    public init(messages: [Message], nextBefore: String? = nil) {
        self.success = true
        self.messages = messages
        self.nextBefore = nextBefore
    }
}

extension MessagesResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "Messages, oldest first."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded,
        "nextBefore": .clientId("Pass as `before` to continue further back; absent when the page was not full."),
    ]
}
