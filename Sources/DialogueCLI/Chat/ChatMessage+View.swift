import DialogueRPC

extension ChatMessage {
    /// The chat's copy of the daemon's message object.
    init(_ view: MessageView) {
        self.init(
            id: view.id, conversationID: view.conversationId, senderID: view.senderId, text: view.text,
            hasAttachment: view.attachment != nil, replyTo: view.replyTo,
            reactions: view.reactions.map { Reaction(emoji: $0.emoji, count: $0.count, mine: $0.mine) },
            createdAt: RelativeTime.parse(view.createdAt), edited: view.editedAt != nil, deleted: view.deleted,
            seen: view.seen, state: view.state.rawValue)
    }
}
