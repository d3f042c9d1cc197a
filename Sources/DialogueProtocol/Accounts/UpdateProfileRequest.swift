import DialogueSchema

/// `PUT /api/auth/update-profile`: absent fields stay as they are.
public struct UpdateProfileRequest: Codable, Hashable, Sendable {
    public var fullname: String?
    public var bio: String?
    /// An encrypted blob uploaded first through `POST /api/blobs`; an empty string removes the picture.
    public var avatarBlobId: String?

    public init(fullname: String? = nil, bio: String? = nil, avatarBlobId: String? = nil) {
        self.fullname = fullname
        self.bio = bio
        self.avatarBlobId = avatarBlobId
    }
}

extension UpdateProfileRequest: SchemaComponent {
    package static let schemaDescription: String? =
        "`PUT /api/auth/update-profile`: absent properties stay as they are."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "fullname": "1 to 64 characters after trimming.",
        "bio": "At most 500 characters.",
        "avatarBlobId": .serverId("A live blob the caller uploaded first through `POST /api/blobs`."),
    ]
}
