import DialogueRPC

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

    /// Reads a conversation object; `nil` without an id.
    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue else { return nil }
        self.init(
            id: id, name: ChatText.sanitized(json["name"]?.stringValue ?? id),
            isGroup: json["isGroup"]?.boolValue ?? false,
            members: (json["members"]?.arrayValue ?? []).compactMap(\.stringValue),
            unread: json["unread"]?.integerValue ?? 0, muted: json["muted"]?.boolValue ?? false,
            lastMessage: json["lastMessage"].flatMap { ChatMessage(json: $0, conversationID: id) })
    }

    /// The other person of a direct conversation, for presence.
    func peer(selfID: String?) -> String? {
        guard !isGroup else { return nil }
        return members.first { $0 != selfID }
    }
}
