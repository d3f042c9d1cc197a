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
