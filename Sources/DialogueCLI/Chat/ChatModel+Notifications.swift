import DialogueRPC

/// The daemon's events (spec/rpc.md, "Notifications").
extension ChatModel {
    mutating func handleNotification(_ event: LocalEvent) -> [ChatEffect] {
        switch event {
        case .messageNew(let view):
            return messageArrived(ChatMessage(view))
        case .messageEdited(let view), .messageDeleted(let view), .messageReaction(let view), .messageState(let view),
            .messageSeen(let view):
            let message = ChatMessage(view)
            if messages[message.conversationID]?.contains(where: { $0.id == message.id }) == true
                || conversation(message.conversationID)?.lastMessage?.id == message.id
            {
                upsert(message)
            }
            return []
        case .conversationUpdated(let view):
            var updated = ChatConversation(view)
            if let index = conversations.firstIndex(where: { $0.id == updated.id }) {
                if updated.lastMessage == nil { updated.lastMessage = conversations[index].lastMessage }
                conversations[index] = updated
            } else {
                conversations.insert(updated, at: 0)
            }
            repairSelection()
            return []
        case .conversationRemoved(let removed):
            conversationRemoved(removed.id)
            return []
        case .typing(let view):
            let ids = view.userIds.filter { $0 != selfID }
            typing[view.conversationId] = ids.isEmpty ? nil : ids
            return []
        case .presence(let view):
            presence[view.userId] = ChatPresence(view)
            return []
        case .connection(let view):
            connection = ChatConnection(view)
            return []
        case .identityChanged(let view):
            notice = ChatNotice(
                text: "\(name(of: view.userId))'s safety number changed: compare it with `dialogue safety-number`.",
                isError: true)
            return []
        case .botToken(let token):
            if token.requestId == assistant.requestID {
                appendAnswer(token.text)
            } else if assistant.awaitingRequestID {
                assistant.earlyTokens[token.requestId, default: ""] += token.text
            }
            return []
        case .botDone(let done):
            if done.requestId == assistant.requestID {
                finishAnswer(error: done.error)
            } else if assistant.awaitingRequestID {
                assistant.earlyDone[done.requestId] = .some(done.error)
            }
            return []
        case .deviceLinked, .deviceLinkExpired:
            return []
        }
    }

    /// A conversation this account left, was removed from, or that was deleted.
    private mutating func conversationRemoved(_ id: String) {
        let name = conversation(id)?.name
        conversations.removeAll { $0.id == id }
        messages[id] = nil
        typing[id] = nil
        if openConversationID == id {
            openConversationID = nil
            selectedMessageID = nil
            focus = .list
            switch mode {
            case .edit:
                mode = .normal
                composer = ChatComposer()
            case .reply, .react, .confirmDelete:
                mode = .normal
            case .normal, .search, .assistant:
                break
            }
            notice = ChatNotice(text: "\(name ?? "The conversation") is no longer available.", isError: true)
        }
        repairSelection()
    }

    private mutating func messageArrived(_ message: ChatMessage) -> [ChatEffect] {
        let id = message.conversationID
        guard conversation(id) != nil else {
            // A conversation we have not seen yet (a new direct chat or group): refresh the list.
            return [.call(ChatRequest(.conversations, "conversations.list", ["filter": "all"]))]
        }
        let isNew = upsert(message)
        // Whoever sent a message has stopped typing it.
        if var ids = typing[id] {
            ids.removeAll { $0 == message.senderID }
            typing[id] = ids.isEmpty ? nil : ids
        }
        guard isNew, message.senderID != selfID else { return [] }
        if id == openConversationID {
            return markRead(id)
        }
        if let index = conversations.firstIndex(where: { $0.id == id }) { conversations[index].unread += 1 }
        return []
    }
}
