import DialogueSchema

/// The stored reaction event.
public struct ReactionResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var reaction: Reaction

    public init(reaction: Reaction) {
        self.success = true
        self.reaction = reaction
    }
}

extension ReactionResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "The stored reaction event."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
