import DialogueSchema

/// `PUT /api/messages/mark/:messageId`: one message, or with `upTo` every earlier message of the
/// conversation as well.
public struct MarkSeenRequest: Codable, Hashable, Sendable {
    public var upTo: Bool?

    public init(upTo: Bool? = nil) { self.upTo = upTo }
}

extension MarkSeenRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`PUT /api/messages/mark/{id}`; the body may be left out entirely."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "upTo": "Also mark every earlier message of the conversation (default `false`)."
    ]
}
