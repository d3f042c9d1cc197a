import DialogueSchema

/// `GET /api/keys/:userId`.
public struct KeyBundleResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var keys: KeyBundle

    public init(keys: KeyBundle) {
        self.success = true
        self.keys = keys
    }
}

extension KeyBundleResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "A user's published keys."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
