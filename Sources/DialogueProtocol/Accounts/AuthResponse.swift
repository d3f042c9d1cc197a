import DialogueSchema

/// The answer to signup and login: a bearer token and the profile.
public struct AuthResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var token: String
    public var user: User

    public init(token: String, user: User) {
        self.success = true
        self.token = token
        self.user = user
    }
}

extension AuthResponse: SchemaComponent {
    package static let schemaDescription: String? =
        "The answer to sign-up and login: a bearer token and the profile."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "success": .succeeded,
        "token": "A JWT (HS256) for the `token` header or `Authorization: Bearer`.",
    ]
}
