import DialogueSchema

/// The answer to a mark-seen call.
public struct SeenResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var receipt: SeenReceipt

    public init(receipt: SeenReceipt) {
        self.success = true
        self.receipt = receipt
    }
}

extension SeenResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "The answer to a mark-seen call."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
