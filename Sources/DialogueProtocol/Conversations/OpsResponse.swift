import DialogueSchema

/// `GET /api/conversations/:id/ops?since=N`, in sequence order.
public struct OpsResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var ops: [ConversationOp]

    public init(ops: [ConversationOp]) {
        self.success = true
        self.ops = ops
    }
}

extension OpsResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "Ops in sequence order."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
