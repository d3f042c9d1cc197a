import DialogueSchema

/// `{success: true}` for calls whose effect is the answer.
public struct SuccessResponse: Codable, Hashable, Sendable {
    public var success: Bool

    public init() { self.success = true }
}

extension SuccessResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "`{success: true}` for calls whose effect is the answer."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
