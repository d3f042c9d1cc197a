/// A person in `users.list`: profile, presence and the unread count of the direct conversation.
/// `lastSeen` is `null` (present) for someone never seen online.
package struct UserView: Codable, Sendable, Equatable {
    package var id: String
    package var fullname: String
    package var bio: String
    package var online: Bool
    package var lastSeen: String?
    package var unread: Int
    /// The direct conversation with this person, when there is one.
    package var conversationId: String?
    /// Only for the person found by the e-mail address the caller typed (the server lists none).
    package var email: String?
    package var avatarUrl: String?

    package init(
        id: String, fullname: String, bio: String, online: Bool, lastSeen: String?, unread: Int,
        conversationId: String? = nil, email: String? = nil, avatarUrl: String? = nil
    ) {
        self.id = id
        self.fullname = fullname
        self.bio = bio
        self.online = online
        self.lastSeen = lastSeen
        self.unread = unread
        self.conversationId = conversationId
        self.email = email
        self.avatarUrl = avatarUrl
    }

    private enum CodingKeys: String, CodingKey {
        case id, fullname, bio, online, lastSeen, unread, conversationId, email, avatarUrl
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(fullname, forKey: .fullname)
        try container.encode(bio, forKey: .bio)
        try container.encode(online, forKey: .online)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(unread, forKey: .unread)
        try container.encodeIfPresent(conversationId, forKey: .conversationId)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(avatarUrl, forKey: .avatarUrl)
    }
}
