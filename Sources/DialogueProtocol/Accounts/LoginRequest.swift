import DialogueSchema

/// `POST /api/auth/login`.
public struct LoginRequest: Codable, Hashable, Sendable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

extension LoginRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/auth/login`."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "email": "Compared trimmed and lowercased."
    ]
}
