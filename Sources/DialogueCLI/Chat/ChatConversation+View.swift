import DialogueRPC

extension ChatConversation {
    /// The chat's copy of the daemon's conversation object; names are made safe for a terminal.
    init(_ view: ConversationView) {
        self.init(
            id: view.id, name: ChatText.sanitized(view.name), isGroup: view.isGroup, members: view.members,
            unread: view.unread, muted: view.muted, lastMessage: view.lastMessage.map(ChatMessage.init))
    }
}
