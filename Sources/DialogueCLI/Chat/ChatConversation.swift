/// A conversation in the list, read from the daemon's conversation object (spec/rpc.md).
struct ChatConversation: Sendable, Equatable {
    var id: String
    var name: String
    var isGroup: Bool
    var members: [String]
    var unread: Int
    var muted: Bool
    var lastMessage: ChatMessage?

    init(
        id: String, name: String, isGroup: Bool = false, members: [String] = [], unread: Int = 0,
        muted: Bool = false, lastMessage: ChatMessage? = nil
    ) {
        self.id = id
        self.name = name
        self.isGroup = isGroup
        self.members = members
        self.unread = unread
        self.muted = muted
        self.lastMessage = lastMessage
    }

    /// The other person of a direct conversation, for presence.
    func peer(selfID: String?) -> String? {
        guard !isGroup else { return nil }
        return members.first { $0 != selfID }
    }
}
