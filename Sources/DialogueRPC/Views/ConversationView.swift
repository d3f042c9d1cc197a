/// A conversation as `conversations.*` and `conversation.updated` show it.
package struct ConversationView: Codable, Sendable, Equatable {
    package var id: String
    package var isGroup: Bool
    /// The group's name, or the other person's for a direct conversation.
    package var name: String
    package var members: [String]
    package var unread: Int
    package var muted: Bool
    /// This account left or was removed; the history stays readable.
    package var removed: Bool
    /// A group's admin.
    package var admin: String?
    package var lastMessage: MessageView?
    /// A group's picture, as a `file://` URL in the runtime directory.
    package var avatarUrl: String?

    package init(
        id: String, isGroup: Bool, name: String, members: [String], unread: Int, muted: Bool, removed: Bool,
        admin: String? = nil, lastMessage: MessageView? = nil, avatarUrl: String? = nil
    ) {
        self.id = id
        self.isGroup = isGroup
        self.name = name
        self.members = members
        self.unread = unread
        self.muted = muted
        self.removed = removed
        self.admin = admin
        self.lastMessage = lastMessage
        self.avatarUrl = avatarUrl
    }
}
