import DialogueRPC

/// The daemon's events (spec/rpc.md, "Notifications").
extension ChatModel {
    mutating func handleNotification(_ method: String, _ params: JSONValue) -> [ChatEffect] {
        switch method {
        case "message.new":
            return messageArrived(params)
        case "message.edited", "message.deleted", "message.reaction", "message.state", "message.seen":
            guard let message = ChatMessage(json: params) else { return [] }
            if messages[message.conversationID]?.contains(where: { $0.id == message.id }) == true
                || conversation(message.conversationID)?.lastMessage?.id == message.id
            {
                upsert(message)
            }
            return []
        case "conversation.updated":
            guard var updated = ChatConversation(json: params) else { return [] }
            if let index = conversations.firstIndex(where: { $0.id == updated.id }) {
                if updated.lastMessage == nil { updated.lastMessage = conversations[index].lastMessage }
                conversations[index] = updated
            } else {
                conversations.insert(updated, at: 0)
            }
            repairSelection()
            return []
        case "conversation.removed":
            guard let id = params["id"]?.stringValue ?? params["conversationId"]?.stringValue else { return [] }
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
            return []
        case "typing":
            guard let id = params["conversationId"]?.stringValue else { return [] }
            let ids = (params["userIds"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0 != selfID }
            typing[id] = ids.isEmpty ? nil : ids
            return []
        case "presence":
            guard let id = params["userId"]?.stringValue else { return [] }
            presence[id] = ChatPresence(
                online: params["online"]?.boolValue ?? false, lastSeen: params["lastSeen"]?.stringValue)
            return []
        case "connection":
            connection = ChatConnection(json: params)
            return []
        case "security.identityChanged":
            let who = params["userId"]?.stringValue.map { name(of: $0) } ?? "A contact"
            notice = ChatNotice(
                text: "\(who)'s safety number changed: compare it with `dialogue safety-number`.", isError: true)
            return []
        case "bot.token":
            let text = params["text"]?.stringValue ?? ""
            guard let requestID = params["requestId"]?.stringValue else { return [] }
            if requestID == assistant.requestID {
                appendAnswer(text)
            } else if assistant.awaitingRequestID {
                assistant.earlyTokens[requestID, default: ""] += text
            }
            return []
        case "bot.done":
            guard let requestID = params["requestId"]?.stringValue else { return [] }
            let error = params["error"].flatMap { $0.isNull ? nil : ($0.stringValue ?? $0.serialized()) }
            if requestID == assistant.requestID {
                finishAnswer(error: error)
            } else if assistant.awaitingRequestID {
                assistant.earlyDone[requestID] = .some(error)
            }
            return []
        default:
            return []
        }
    }

    private mutating func messageArrived(_ params: JSONValue) -> [ChatEffect] {
        guard let message = ChatMessage(json: params) else { return [] }
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
