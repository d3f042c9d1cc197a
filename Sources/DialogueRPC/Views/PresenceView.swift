/// One person's presence, in `presence.list` and the `presence` notification; `lastSeen` is
/// `null` (present) for someone never seen online.
package struct PresenceView: Codable, Sendable, Equatable {
    package var userId: String
    package var online: Bool
    package var lastSeen: String?

    package init(userId: String, online: Bool, lastSeen: String?) {
        self.userId = userId
        self.online = online
        self.lastSeen = lastSeen
    }

    private enum CodingKeys: String, CodingKey {
        case userId, online, lastSeen
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userId, forKey: .userId)
        try container.encode(online, forKey: .online)
        try container.encode(lastSeen, forKey: .lastSeen)
    }
}
