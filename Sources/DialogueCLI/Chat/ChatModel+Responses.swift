import DialogueRPC
import Foundation

/// Answers to the calls the model asked for.
extension ChatModel {
    /// An answer, read as the method's typed result; one that does not have its shape is handled
    /// as a failure of the call (a send gives its text back).
    mutating func handleResult(_ purpose: ChatRequest.Purpose, _ value: JSONValue) -> [ChatEffect] {
        do {
            return try apply(purpose, value)
        } catch {
            return handleFailure(purpose, ChatFailure(message: "the daemon's answer could not be read"))
        }
    }

    private mutating func apply(_ purpose: ChatRequest.Purpose, _ value: JSONValue) throws -> [ChatEffect] {
        switch purpose {
        case .subscribe, .markRead:
            return []
        case .status:
            let status = try value.decode(StatusView.self)
            connection = ChatConnection(status.connection)
            if selfID == nil, let id = status.account?.id { selfID = id }
            return []
        case .me:
            let account = try value.decode(AccountView.self)
            selfID = account.id
            names[account.id] = ChatText.sanitized(account.fullname)
            return []
        case .users:
            for user in try value.decode([UserView].self) {
                names[user.id] = ChatText.sanitized(user.fullname)
                if presence[user.id] == nil {
                    presence[user.id] = ChatPresence(online: user.online, lastSeen: user.lastSeen)
                }
            }
            return []
        case .presence:
            for entry in try value.decode([PresenceView].self) { presence[entry.userId] = ChatPresence(entry) }
            return []
        case .conversations:
            conversations = try value.decode([ConversationView].self).map(ChatConversation.init)
            if let id = openConversationID, conversation(id) == nil { openConversationID = nil }
            repairSelection()
            if let id = pendingOpenID {
                pendingOpenID = nil
                guard conversation(id) != nil else {
                    notice = ChatNotice(text: "That conversation is not in the list.", isError: true)
                    return []
                }
                focus = .composer
                return open(id)
            }
            return []
        case .messages(let conversationID, let older):
            let page = try value.decode([MessageView].self).map(ChatMessage.init)
            mergePage(page, into: conversationID, older: older)
            return []
        case .send, .edit, .delete, .react:
            upsert(ChatMessage(try value.decode(MessageView.self)))
            if case .delete = purpose { notice = ChatNotice(text: "Message deleted.", isError: false) }
            return []
        case .search(let query):
            let hits = try value.decode([SearchResultView].self)
            guard case .search(var search) = mode else { return [] }
            search.isSearching = false
            search.searchedQuery = query
            search.results = hits.map { ChatMessage($0.message) }
            search.selected = 0
            mode = .search(search)
            if search.results.isEmpty { notice = ChatNotice(text: "No matches for “\(query)”.", isError: false) }
            return []
        case .ask:
            let answer = try value.decode(BotAskResult.self)
            assistant.awaitingRequestID = false
            assistant.requestID = answer.requestId
            if let early = assistant.earlyTokens.removeValue(forKey: answer.requestId) { appendAnswer(early) }
            if let done = assistant.earlyDone.removeValue(forKey: answer.requestId) { finishAnswer(error: done) }
            return []
        case .botHistory:
            let turns = try value.decode([BotTurnView].self)
            guard assistant.turns.isEmpty else { return [] }
            assistant.turns = turns.map { turn in
                ChatAssistant.Turn(
                    fromUser: turn.role == .user, text: ChatText.sanitized(turn.text, keepNewlines: true))
            }
            return []
        }
    }

    mutating func handleFailure(_ purpose: ChatRequest.Purpose, _ failure: ChatFailure) -> [ChatEffect] {
        switch purpose {
        case .subscribe:
            notice = ChatNotice(text: "Live updates are off: \(failure.message).", isError: true)
        case .status, .me, .users, .presence, .markRead, .botHistory:
            // Nice to have; the chat works without them (and older daemons may lack some).
            if !failure.methodNotFound { notice = ChatNotice(text: failure.message, isError: true) }
        case .conversations:
            notice = ChatNotice(text: "Could not list conversations: \(failure.message).", isError: true)
        case .messages(let conversationID, let older):
            if older {
                mergePage([], into: conversationID, older: true)
            } else if messages[conversationID] == nil {
                messages[conversationID] = []
            }
            notice = ChatNotice(text: "Could not load messages: \(failure.message).", isError: true)
        case .send(_, let text, let replyTo):
            // Give the text back so nothing typed is lost.
            if composer.isEmpty {
                composer = ChatComposer(text)
                if let replyTo, case .normal = mode { mode = .reply(messageID: replyTo) }
            }
            notice = ChatNotice(text: "Not sent: \(failure.message).", isError: true)
        case .edit, .delete, .react:
            notice = ChatNotice(
                text: failure.message.prefix(1).uppercased() + failure.message.dropFirst() + ".", isError: true)
        case .search(let query):
            guard case .search(var search) = mode else { return [] }
            search.isSearching = false
            search.searchedQuery = query
            search.selected = 0
            if failure.methodNotFound {
                // Older daemons: search what is loaded here.
                search.results = localSearch(query)
                if search.results.isEmpty { notice = ChatNotice(text: "No matches for “\(query)”.", isError: false) }
            } else {
                search.results = []
                notice = ChatNotice(text: "Search failed: \(failure.message).", isError: true)
            }
            mode = .search(search)
        case .ask:
            assistant.awaitingRequestID = false
            finishAnswer(error: failure.message)
        }
        return []
    }

    /// Loaded messages containing `query` (case-insensitively), newest first.
    func localSearch(_ query: String) -> [ChatMessage] {
        messages.values.joined()
            .filter { !$0.deleted && $0.text.localizedCaseInsensitiveContains(query) }
            .sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }
    }

    /// Adds streamed text to the answer being written.
    mutating func appendAnswer(_ text: String) {
        if assistant.turns.last?.fromUser != false { assistant.turns.append(.init(fromUser: false, text: "")) }
        assistant.turns[assistant.turns.count - 1].text += ChatText.sanitized(text, keepNewlines: true)
    }

    /// Ends the answer being written; an error replaces an empty answer or follows a partial one.
    mutating func finishAnswer(error: String?) {
        assistant.requestID = nil
        guard let error else { return }
        let text = "The assistant could not answer: \(ChatText.sanitized(error))."
        if let last = assistant.turns.last, !last.fromUser, last.text.isEmpty {
            assistant.turns[assistant.turns.count - 1] = .init(fromUser: false, text: text, failed: true)
        } else {
            assistant.turns.append(.init(fromUser: false, text: text, failed: true))
        }
    }
}
