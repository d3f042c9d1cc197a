import DialogueSchema

/// The body of every failed REST call: `{success: false, message, code}`.
///
/// `code` is a stable snake_case word clients branch on; `message` is one human sentence.
public struct ErrorResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var message: String
    public var code: String
    /// Set when the error points at an existing conversation (a second direct chat with the same person).
    public var conversationId: String?

    public init(message: String, code: String, conversationId: String? = nil) {
        self.success = false
        self.message = message
        self.code = code
        self.conversationId = conversationId
    }
}

extension ErrorResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "The body of every failed call. `code` is a stable snake_case word clients branch "
        + "on; `message` is one human sentence."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": SchemaRefinement(.constant(false)),
        "code": SchemaRefinement(
            .string(values: ErrorCode.allCases.map(\.rawValue)),
            "What went wrong, as a stable word to branch on (see `ErrorCode`); `message` says it to a person."
        ),
        "conversationId": .clientId(
            "Set when the error points at an existing conversation (a second direct chat with the same person)."),
    ]
}
