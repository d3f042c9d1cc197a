import DialogueSchema

/// The answer to `GET /api/auth/check` and profile updates.
public struct UserResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var user: User

    public init(user: User) {
        self.success = true
        self.user = user
    }
}

extension UserResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "One profile."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded
    ]
}
