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
