import DialogueRPC

/// Key presses: modes first (help, picker, search, assistant), then the focused pane.
extension ChatModel {
    mutating func handle(_ key: ChatKey) -> [ChatEffect] {
        notice = nil
        if key == .control("c") {
            exit = .user
            return [.quit]
        }
        if showsHelp {
            showsHelp = false
            return []
        }
        switch mode {
        case .react(let messageID, let choice):
            return handleReactPicker(key, messageID: messageID, choice: choice)
        case .confirmDelete(let messageID):
            mode = .normal
            guard key == .character("y") || key == .character("Y") else {
                notice = ChatNotice(text: "Kept the message.", isError: false)
                return []
            }
            return [
                .call(ChatRequest(.delete(messageID: messageID), "messages.delete", ["messageId": .string(messageID)]))
            ]
        case .search(let search):
            return handleSearch(key, search)
        case .assistant:
            return handleAssistant(key)
        case .normal, .reply, .edit:
            break
        }
        switch focus {
        case .list: return handleList(key)
        case .messages: return handleMessages(key)
        case .composer: return handleComposer(key)
        }
    }

    // MARK: Keys that work in the list and the message pane

    /// `/`, `a`, `?`, `q`: the commands of both panes; `nil` when `key` is none of them.
    private mutating func handleCommon(_ key: ChatKey) -> [ChatEffect]? {
        switch key {
        case .character("q"):
            exit = .user
            return [.quit]
        case .character("?"):
            showsHelp = true
            return []
        case .character("/"), .control("f"):
            mode = .search(ChatSearch())
            return []
        case .character("a"):
            return openAssistant()
        default:
            return nil
        }
    }

    private mutating func handleList(_ key: ChatKey) -> [ChatEffect] {
        if let effects = handleCommon(key) { return effects }
        let index = conversations.firstIndex { $0.id == selectedConversationID }
        switch key {
        case .up, .character("k"):
            if let index, index > 0 { selectedConversationID = conversations[index - 1].id }
        case .down, .character("j"):
            if let index, index + 1 < conversations.count {
                selectedConversationID = conversations[index + 1].id
            } else if index == nil {
                selectedConversationID = conversations.first?.id
            }
        case .home:
            selectedConversationID = conversations.first?.id
        case .end:
            selectedConversationID = conversations.last?.id
        case .enter, .right, .character("l"):
            guard let id = selectedConversationID else { return [] }
            focus = .composer
            return id == openConversationID ? markRead(id) : open(id)
        case .tab:
            guard openConversationID != nil else {
                guard let id = selectedConversationID else { return [] }
                focus = .messages
                return open(id)
            }
            focus = .messages
        case .backTab:
            if openConversationID != nil { focus = .composer }
        default:
            break
        }
        return []
    }

    private mutating func handleMessages(_ key: ChatKey) -> [ChatEffect] {
        if let effects = handleCommon(key) { return effects }
        let list = openMessages
        let index = effectiveSelectedMessage.flatMap { selected in list.firstIndex { $0.id == selected.id } }
        switch key {
        case .up, .character("k"):
            guard let index else { return [] }
            if index > 0 {
                selectedMessageID = list[index - 1].id
            } else {
                selectedMessageID = list[index].id
                return loadOlder()
            }
        case .down, .character("j"):
            guard let index, index + 1 < list.count else { return [] }
            selectedMessageID = index + 2 == list.count ? nil : list[index + 1].id
        case .pageUp:
            guard let index else { return [] }
            selectedMessageID = list[max(0, index - 5)].id
            if index < 5 { return loadOlder() }
        case .pageDown:
            guard let index else { return [] }
            selectedMessageID = index + 6 >= list.count ? nil : list[index + 5].id
        case .home:
            selectedMessageID = list.first?.id
        case .end:
            selectedMessageID = nil
        case .left, .character("h"), .backTab:
            focus = .list
        case .tab, .enter, .character("i"):
            focus = .composer
        case .character("r"):
            guard let message = effectiveSelectedMessage, !message.deleted else { return [] }
            mode = .reply(messageID: message.id)
            focus = .composer
        case .character("e"):
            guard let message = editableSelection(action: "edit") else { return [] }
            if message.hasAttachment && message.text.isEmpty {
                notice = ChatNotice(text: "Only text can be edited.", isError: true)
                return []
            }
            mode = .edit(messageID: message.id)
            composer = ChatComposer(message.text)
            focus = .composer
        case .character("d"):
            guard let message = editableSelection(action: "delete") else { return [] }
            mode = .confirmDelete(messageID: message.id)
        case .character("+"), .character("="):
            guard let message = effectiveSelectedMessage, !message.deleted else { return [] }
            mode = .react(messageID: message.id, choice: 0)
        default:
            break
        }
        return []
    }

    /// The highlighted message when it is this account's and not deleted; a notice otherwise.
    private mutating func editableSelection(action: String) -> ChatMessage? {
        guard let message = effectiveSelectedMessage, !message.deleted else { return nil }
        guard message.senderID == selfID else {
            notice = ChatNotice(text: "You can only \(action) your own messages.", isError: true)
            return nil
        }
        return message
    }

    private mutating func handleComposer(_ key: ChatKey) -> [ChatEffect] {
        switch key {
        case .enter:
            return submitComposer()
        case .escape:
            switch mode {
            case .reply:
                mode = .normal
            case .edit:
                mode = .normal
                composer = ChatComposer()
            default:
                focus = .messages
            }
            return []
        case .tab:
            focus = .list
            return []
        case .backTab:
            focus = .messages
            return []
        case .up where composer.isEmpty, .pageUp:
            focus = .messages
            return []
        default:
            let before = composer.text
            guard composer.edit(key), composer.text != before, let id = openConversationID else { return [] }
            // A key press that changed a new message: the daemon turns these into start and stop.
            if case .edit = mode { return [] }
            return [Self.typingEffect(id, typing: true)]
        }
    }

    private mutating func submitComposer() -> [ChatEffect] {
        guard let id = openConversationID else {
            notice = ChatNotice(text: "Open a conversation first.", isError: true)
            return []
        }
        guard let text = composer.trimmed else { return [] }
        composer = ChatComposer()
        switch mode {
        case .edit(let messageID):
            mode = .normal
            return [
                .call(
                    ChatRequest(
                        .edit(messageID: messageID, text: text), "messages.edit",
                        ["messageId": .string(messageID), "text": .string(text)]))
            ]
        default:
            var params: [String: JSONValue] = ["conversationId": .string(id), "text": .string(text)]
            var replyTo: String?
            if case .reply(let messageID) = mode {
                params["replyTo"] = .string(messageID)
                replyTo = messageID
            }
            mode = .normal
            selectedMessageID = nil
            return [
                Self.typingEffect(id, typing: false),
                .call(
                    ChatRequest(
                        .send(conversationID: id, text: text, replyTo: replyTo), "messages.send", .object(params))),
            ]
        }
    }

    static func typingEffect(_ conversationID: String, typing: Bool) -> ChatEffect {
        .notify(method: "typing.update", params: ["conversationId": .string(conversationID), "typing": .bool(typing)])
    }

    // MARK: Modes

    private mutating func handleReactPicker(_ key: ChatKey, messageID: String, choice: Int) -> [ChatEffect] {
        let count = Self.quickReactions.count
        var emoji: String?
        switch key {
        case .left, .character("h"), .backTab:
            mode = .react(messageID: messageID, choice: (choice + count - 1) % count)
        case .right, .character("l"), .tab:
            mode = .react(messageID: messageID, choice: (choice + 1) % count)
        case .enter:
            emoji = Self.quickReactions[choice]
        case .character(let character) where character.isNumber:
            guard let number = character.wholeNumberValue, (1...count).contains(number) else { return [] }
            emoji = Self.quickReactions[number - 1]
        case .character(let character) where !character.isASCII:
            // Any other emoji typed (or composed) at the picker.
            emoji = String(character)
        case .escape, .character("q"):
            mode = .normal
        default:
            break
        }
        guard let emoji else { return [] }
        mode = .normal
        return [
            .call(
                ChatRequest(
                    .react(messageID: messageID), "messages.react",
                    ["messageId": .string(messageID), "emoji": .string(emoji)]))
        ]
    }

    private mutating func handleSearch(_ key: ChatKey, _ current: ChatSearch) -> [ChatEffect] {
        var search = current
        switch key {
        case .escape:
            mode = .normal
            return []
        case .up:
            search.selected = max(0, search.selected - 1)
        case .down:
            search.selected = min(max(0, search.results.count - 1), search.selected + 1)
        case .enter:
            if search.showsCurrentResults {
                let hit = search.results[min(search.selected, search.results.count - 1)]
                mode = .normal
                focus = .messages
                var effects: [ChatEffect] = []
                if hit.conversationID != openConversationID { effects = open(hit.conversationID) }
                selectedMessageID = hit.id
                return effects
            }
            guard let query = search.query.trimmed else { return [] }
            search.isSearching = true
            mode = .search(search)
            return [
                .call(ChatRequest(.search(query: query), "messages.search", ["query": .string(query), "limit": 50]))
            ]
        default:
            _ = search.query.edit(key)
        }
        mode = .search(search)
        return []
    }

    private mutating func openAssistant() -> [ChatEffect] {
        mode = .assistant
        guard !assistant.historyRequested else { return [] }
        assistant.historyRequested = true
        return [.call(ChatRequest(.botHistory, "bot.history"))]
    }

    private mutating func handleAssistant(_ key: ChatKey) -> [ChatEffect] {
        switch key {
        case .escape:
            mode = .normal
            return []
        case .enter:
            guard let prompt = assistant.input.trimmed else { return [] }
            return ask(prompt)
        case .character(let character) where assistant.input.isEmpty && assistant.turns.isEmpty:
            if let number = character.wholeNumberValue, (1...ChatAssistant.starters.count).contains(number) {
                return ask(ChatAssistant.starters[number - 1])
            }
            _ = assistant.input.edit(key)
            return []
        default:
            _ = assistant.input.edit(key)
            return []
        }
    }

    private mutating func ask(_ prompt: String) -> [ChatEffect] {
        guard !assistant.isAnswering else {
            notice = ChatNotice(text: "The assistant is still answering.", isError: true)
            return []
        }
        assistant.input = ChatComposer()
        assistant.turns.append(.init(fromUser: true, text: prompt))
        assistant.turns.append(.init(fromUser: false, text: ""))
        assistant.awaitingRequestID = true
        return [.call(ChatRequest(.ask(prompt: prompt), "bot.ask", ["prompt": .string(prompt)]))]
    }
}
