import DialogueRPC
import Foundation

/// Answers to the calls the model asked for.
extension ChatModel {
    mutating func handleResult(_ purpose: ChatRequest.Purpose, _ value: JSONValue) -> [ChatEffect] {
        switch purpose {
        case .subscribe, .markRead:
            return []
        case .status:
            if let connection = value["connection"], connection.objectValue != nil {
                self.connection = ChatConnection(json: connection)
            }
            if selfID == nil, let id = value["account"]?["id"]?.stringValue { selfID = id }
            return []
        case .me:
            if let id = value["id"]?.stringValue {
                selfID = id
                if let name = value["fullname"]?.stringValue { names[id] = ChatText.sanitized(name) }
            }
            return []
        case .users:
            for user in value.arrayValue ?? [] {
                guard let id = user["id"]?.stringValue else { continue }
                names[id] = ChatText.sanitized(user["fullname"]?.stringValue ?? id)
                if presence[id] == nil, let online = user["online"]?.boolValue {
                    presence[id] = ChatPresence(online: online, lastSeen: user["lastSeen"]?.stringValue)
                }
            }
            return []
        case .presence:
            for entry in value.arrayValue ?? [] {
                guard let id = entry["userId"]?.stringValue else { continue }
                presence[id] = ChatPresence(
                    online: entry["online"]?.boolValue ?? false, lastSeen: entry["lastSeen"]?.stringValue)
            }
            return []
        case .conversations:
            conversations = (value.arrayValue ?? []).compactMap(ChatConversation.init(json:))
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
            let page = (value.arrayValue ?? []).compactMap { ChatMessage(json: $0, conversationID: conversationID) }
            mergePage(page, into: conversationID, older: older)
            return []
        case .send, .edit, .delete, .react:
            if let message = ChatMessage(json: value) { upsert(message) }
            if case .delete = purpose { notice = ChatNotice(text: "Message deleted.", isError: false) }
            return []
        case .search(let query):
            guard case .search(var search) = mode else { return [] }
            search.isSearching = false
            search.searchedQuery = query
            search.results = (value.arrayValue ?? []).compactMap { hit in
                hit["message"].flatMap { ChatMessage(json: $0) }
            }
            search.selected = 0
            mode = .search(search)
            if search.results.isEmpty { notice = ChatNotice(text: "No matches for “\(query)”.", isError: false) }
            return []
        case .ask:
            assistant.awaitingRequestID = false
            guard let requestID = value["requestId"]?.stringValue else { return [] }
            assistant.requestID = requestID
            if let early = assistant.earlyTokens.removeValue(forKey: requestID) { appendAnswer(early) }
            if let done = assistant.earlyDone.removeValue(forKey: requestID) { finishAnswer(error: done) }
            return []
        case .botHistory:
            guard assistant.turns.isEmpty else { return [] }
            assistant.turns = (value.arrayValue ?? []).map { turn in
                ChatAssistant.Turn(
                    fromUser: turn["role"]?.stringValue == "user",
                    text: ChatText.sanitized(turn["text"]?.stringValue ?? "", keepNewlines: true))
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
