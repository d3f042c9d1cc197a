/// The conversation list: two rows per conversation (name with presence and unread count, then a
/// preview of the last message), scrolled to keep the highlight in view.
extension ChatRenderer {
    func conversationList(_ model: ChatModel, width: Int, height: Int) -> [ChatRow] {
        var rows = [ChatRow(" Chats", .ink)]
        let conversations = model.conversations
        guard !conversations.isEmpty else {
            rows.append(ChatRow(" No conversations yet.", .muted))
            return Self.filled(rows, height: height)
        }
        let visible = max(1, (height - 1) / 2)
        let selected = conversations.firstIndex { $0.id == model.selectedConversationID } ?? 0
        let first = max(0, min(selected - visible + 1, conversations.count - visible))
        let focused = model.focus == .list && model.mode != .assistant
        for conversation in conversations[first..<min(conversations.count, first + visible)] {
            let isSelected = conversation.id == model.selectedConversationID
            for row in entry(conversation, model, width: width, selected: isSelected) {
                // The whole row in the selection colour; without colour the `›` marks it.
                rows.append(
                    isSelected && focused && style.colored ? ChatRow(row.fitted(to: width).plainText, .selected) : row)
            }
        }
        return Self.filled(rows, height: height)
    }

    private func entry(_ conversation: ChatConversation, _ model: ChatModel, width: Int, selected: Bool) -> [ChatRow] {
        var name = ChatRow(selected ? "›" : " ", .ink)
        if conversation.isGroup {
            name.append("#", .muted)
        } else if let peer = conversation.peer(selfID: model.selfID), model.presence[peer]?.online == true {
            name.append("●", .good)
        } else {
            name.append("○", .muted)
        }
        name.append(" ")
        let unread = conversation.unread > 0 ? " \(conversation.unread) " : ""
        let nameRoom = width - name.width - ChatText.width(of: unread)
        name.append(
            ChatText.truncated(conversation.name, to: max(1, nameRoom)), conversation.unread > 0 ? .ink : .plain)
        if !unread.isEmpty {
            name.append(String(repeating: " ", count: max(0, width - name.width - ChatText.width(of: unread))))
            name.append(unread, conversation.muted ? .muted : .ink)
        }
        var preview = ChatRow("   ")
        if let last = conversation.lastMessage {
            var text = last.preview
            if last.senderID == model.selfID {
                text = "You: " + text
            } else if conversation.isGroup {
                text = model.name(of: last.senderID) + ": " + text
            }
            preview.append(ChatText.truncated(text, to: max(1, width - 3)), .muted)
        } else if conversation.muted {
            preview.append("muted", .muted)
        }
        return [name, preview]
    }
}
