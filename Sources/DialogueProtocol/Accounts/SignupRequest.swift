import DialogueSchema

/// `POST /api/auth/signup`.
public struct SignupRequest: Codable, Hashable, Sendable {
    public var email: String
    public var fullname: String
    public var password: String
    public var bio: String?

    public init(email: String, fullname: String, password: String, bio: String? = nil) {
        self.email = email
        self.fullname = fullname
        self.password = password
        self.bio = bio
    }
}

extension SignupRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`POST /api/auth/signup`."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "email": "Trimmed and lowercased; must look like name@example.org (≤ 254 bytes).",
        "fullname": "1 to 64 characters after trimming.",
        "password": "8 characters to 72 bytes (bcrypt's limit).",
        "bio": "At most 500 characters.",
    ]
}
