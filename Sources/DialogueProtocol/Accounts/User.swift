import DialogueSchema
import Foundation

/// A user's public profile as every signed-in user may see it. Never carries a password hash.
public struct User: Codable, Hashable, Sendable {
    public var id: String
    public var email: String
    public var fullname: String
    public var bio: String
    /// The encrypted avatar blob, if the user uploaded one.
    public var avatarBlobId: String?
    public var createdAt: Date
    public var lastSeen: Date?

    public init(
        id: String,
        email: String,
        fullname: String,
        bio: String,
        avatarBlobId: String?,
        createdAt: Date,
        lastSeen: Date?
    ) {
        self.id = id
        self.email = email
        self.fullname = fullname
        self.bio = bio
        self.avatarBlobId = avatarBlobId
        self.createdAt = createdAt
        self.lastSeen = lastSeen
    }
}

extension User: SchemaComponent {
    package static let schemaDescription: String? =
        "A user's public profile as every signed-in user may see it. Never carries a password hash."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .serverId(),
        "email": "Lowercased and trimmed at sign-up.",
        "bio": "Empty when the user wrote none.",
        "avatarBlobId": .serverId("The encrypted avatar blob, if the user uploaded one."),
        "lastSeen": "When the user's last connection closed.",
    ]
}
