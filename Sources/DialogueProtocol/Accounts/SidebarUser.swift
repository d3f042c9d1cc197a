import DialogueSchema
import Foundation

/// One row of the sidebar: a profile with presence and the caller's unread count in the direct chat.
public struct SidebarUser: Codable, Hashable, Sendable {
    public var id: String
    public var fullname: String
    public var bio: String
    public var avatarBlobId: String?
    public var online: Bool
    public var lastSeen: Date?
    /// Messages from this user in the direct conversation that the caller has not seen.
    public var unread: Int
    /// The direct conversation with this user, if one exists.
    public var conversationId: String?

    public init(
        id: String,
        fullname: String,
        bio: String,
        avatarBlobId: String?,
        online: Bool,
        lastSeen: Date?,
        unread: Int,
        conversationId: String?
    ) {
        self.id = id
        self.fullname = fullname
        self.bio = bio
        self.avatarBlobId = avatarBlobId
        self.online = online
        self.lastSeen = lastSeen
        self.unread = unread
        self.conversationId = conversationId
    }
}

extension SidebarUser: SchemaComponent {
    package static let schemaDescription: String? =
        "One row of the sidebar: a profile with presence and the caller's unread count in the direct chat."
    package static let memberRefinements: [String: SchemaRefinement] = [
        "id": .serverId(),
        "online": "Whether the user has a WebSocket connection now.",
        "unread": .minimum(0, "Messages from this user in the direct conversation that the caller has not seen."),
        "avatarBlobId": .serverId(),
        "conversationId": .clientId("The direct conversation with this user, if one exists."),
    ]
}
