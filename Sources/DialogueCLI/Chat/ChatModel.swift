import DialogueRPC

/// The whole interactive chat as a pure state machine: ``reduce(_:)`` takes a key press, an RPC
/// answer or a daemon event and returns the calls to make; rendering reads the state.
///
/// Nothing here touches the terminal or the socket, so every key sequence is tested without I/O.
struct ChatModel: Sendable {
    /// The original's quick reactions, in picker order (keys 1 to 6).
    static let quickReactions = ["👍", "❤️", "😂", "😮", "😢", "🙏"]
    /// How many messages a page asks `messages.list` for.
    static let pageSize = 50

    // MARK: What the daemon told us
    var conversations: [ChatConversation] = []
    /// Loaded messages per conversation id, oldest first.
    var messages: [String: [ChatMessage]] = [:]
    /// Conversations whose oldest message is loaded.
    var historyComplete: Set<String> = []
    var names: [String: String] = [:]
    var selfID: String?
    var presence: [String: ChatPresence] = [:]
    /// Who is typing, per conversation id (never this account).
    var typing: [String: [String]] = [:]
    var connection = ChatConnection()

    // MARK: What the user is doing
    /// The highlighted conversation in the list.
    var selectedConversationID: String?
    /// The conversation shown in the message pane.
    var openConversationID: String?
    /// The highlighted message; `nil` follows the newest.
    var selectedMessageID: String?
    var focus = ChatFocus.list
    var mode = ChatMode.normal
    var composer = ChatComposer()
    var assistant = ChatAssistant()
    var showsHelp = false
    var notice: ChatNotice?
    /// Why the chat ended, once it has.
    var exit: ChatExit?

    /// A conversation to open as soon as the list arrives (`dialogue chat CHAT`).
    var pendingOpenID: String?
    private var loadingOlder: Set<String> = []

    init(open conversationID: String? = nil) {
        pendingOpenID = conversationID
    }

    /// The calls that fill the screen: subscribe first so no event is missed, then the lists.
    func start() -> [ChatEffect] {
        [
            .call(ChatRequest(.subscribe, "events.subscribe", [:])),
            .call(ChatRequest(.status, "daemon.status")),
            .call(ChatRequest(.me, "account.me")),
            .call(ChatRequest(.users, "users.list", [:])),
            .call(ChatRequest(.presence, "presence.list")),
            .call(ChatRequest(.conversations, "conversations.list", ["filter": "all"])),
        ]
    }

    /// Applies one event and returns what to do about it.
    mutating func reduce(_ event: ChatEvent) -> [ChatEffect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .response(let purpose, let result):
            switch result {
            case .success(let value): return handleResult(purpose, value)
            case .failure(let failure): return handleFailure(purpose, failure)
            }
        case .notification(let event):
            return handleNotification(event)
        case .unreadableNotification(let method):
            notice = ChatNotice(text: "The daemon sent a \(method) event this chat cannot read.", isError: true)
            return []
        case .daemonClosed:
            exit = .daemonClosed
            return [.quit]
        }
    }

    // MARK: Reading the state

    /// The conversation with this id.
    func conversation(_ id: String?) -> ChatConversation? {
        guard let id else { return nil }
        return conversations.first { $0.id == id }
    }

    /// The open conversation's loaded messages (empty while loading).
    var openMessages: [ChatMessage] {
        openConversationID.flatMap { messages[$0] } ?? []
    }

    /// The message with this id in any loaded conversation.
    func message(_ id: String?) -> ChatMessage? {
        guard let id else { return nil }
        for list in messages.values {
            if let message = list.first(where: { $0.id == id }) { return message }
        }
        return nil
    }

    /// A person's name: "You" for this account, their full name, or their id.
    func name(of userID: String) -> String {
        if userID == selfID { return "You" }
        return names[userID] ?? userID
    }

    /// The highlighted message, or the newest when none is.
    var effectiveSelectedMessage: ChatMessage? {
        let list = openMessages
        if let id = selectedMessageID, let message = list.first(where: { $0.id == id }) { return message }
        return list.last
    }

    /// "Bob is typing...", "A, B are typing..." for the open conversation; `nil` when nobody is.
    var typingLine: String? {
        guard let id = openConversationID, let ids = typing[id], !ids.isEmpty else { return nil }
        return OutputFormatter.typingLine(ids.map { name(of: $0) })
    }

    // MARK: Changing the state

    /// Opens a conversation: loads its messages and marks it read.
    mutating func open(_ conversationID: String) -> [ChatEffect] {
        openConversationID = conversationID
        selectedConversationID = conversationID
        selectedMessageID = nil
        if case .reply = mode { mode = .normal }
        if case .edit = mode {
            mode = .normal
            composer = ChatComposer()
        }
        var effects: [ChatEffect] = [
            .call(
                ChatRequest(
                    .messages(conversationID: conversationID, older: false), "messages.list",
                    ["conversationId": .string(conversationID), "limit": .integer(Self.pageSize)]))
        ]
        effects += markRead(conversationID)
        return effects
    }

    /// Marks a conversation read here and at the daemon.
    mutating func markRead(_ conversationID: String) -> [ChatEffect] {
        if let index = conversations.firstIndex(where: { $0.id == conversationID }) {
            conversations[index].unread = 0
        }
        return [
            .call(
                ChatRequest(
                    .markRead(conversationID: conversationID), "conversations.markRead",
                    ["conversationId": .string(conversationID)]))
        ]
    }

    /// Loads the page before the oldest loaded message, once at a time.
    mutating func loadOlder() -> [ChatEffect] {
        guard let id = openConversationID, !historyComplete.contains(id), !loadingOlder.contains(id),
            let oldest = messages[id]?.first
        else { return [] }
        loadingOlder.insert(id)
        return [
            .call(
                ChatRequest(
                    .messages(conversationID: id, older: true), "messages.list",
                    ["conversationId": .string(id), "before": .string(oldest.id), "limit": .integer(Self.pageSize)]))
        ]
    }

    /// Merges a page from `messages.list`: older pages go in front; messages that arrived while
    /// the page was loading are kept.
    mutating func mergePage(_ page: [ChatMessage], into conversationID: String, older: Bool) {
        if older { loadingOlder.remove(conversationID) }
        if page.count < Self.pageSize {
            historyComplete.insert(conversationID)
        } else if !older {
            // A fresh newest page replaces what was loaded before it, older pages included.
            historyComplete.remove(conversationID)
        }
        var merged = page
        let known = Set(page.map(\.id))
        let existing = messages[conversationID] ?? []
        if older {
            merged += existing.filter { !known.contains($0.id) }
        } else {
            merged += existing.filter { !known.contains($0.id) && !Self.isOlder($0, than: page.first) }
        }
        messages[conversationID] = merged
    }

    /// Puts a message into its conversation (replacing one with its id) and updates the list's preview.
    /// - Returns: whether it is new.
    @discardableResult
    mutating func upsert(_ message: ChatMessage) -> Bool {
        var isNew = false
        if var list = messages[message.conversationID] {
            if let index = list.firstIndex(where: { $0.id == message.id }) {
                list[index] = message
            } else {
                list.append(message)
                isNew = true
            }
            messages[message.conversationID] = list
        } else {
            isNew = true
            // The open conversation's page may still be loading: keep what arrives meanwhile.
            if message.conversationID == openConversationID { messages[message.conversationID] = [message] }
        }
        if let index = conversations.firstIndex(where: { $0.id == message.conversationID }) {
            if isNew {
                var conversation = conversations.remove(at: index)
                conversation.lastMessage = message
                conversations.insert(conversation, at: 0)
            } else if conversations[index].lastMessage?.id == message.id {
                conversations[index].lastMessage = message
            }
        }
        return isNew
    }

    /// Keeps the list's highlight on a conversation that still exists.
    mutating func repairSelection() {
        if let id = selectedConversationID, conversation(id) != nil { return }
        selectedConversationID = openConversationID.flatMap { conversation($0)?.id } ?? conversations.first?.id
    }

    private static func isOlder(_ message: ChatMessage, than first: ChatMessage?) -> Bool {
        guard let first, let date = message.createdAt, let firstDate = first.createdAt else { return false }
        return date < firstDate
    }
}
