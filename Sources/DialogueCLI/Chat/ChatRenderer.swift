import Foundation

/// Draws the chat: the model and the terminal size in, one line per row out.
///
/// Pure and deterministic (style and `now` are injected), so layouts are tested as golden
/// lines. At 80x24 it shows the list, the conversation and the composer side by side; narrower
/// it shows one pane at a time; tiny terminals get a short request to grow.
struct ChatRenderer {
    var style: Style
    var now: Date

    /// The smallest size that shows a usable chat.
    static let minimumWidth = 20
    static let minimumHeight = 5
    /// Below this width only one pane is shown at a time.
    static let twoPaneWidth = 60

    func render(_ model: ChatModel, width: Int, height: Int) -> ChatFrame {
        guard width > 0, height > 0 else { return ChatFrame(lines: [], cursor: nil) }
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            return tooSmall(width: width, height: height)
        }
        let footerRow = height >= 10 ? height - 1 : nil
        let composerRow = (footerRow ?? height) - 1
        let infoRow = height >= 8 ? composerRow - 1 : nil
        let bodyHeight = (infoRow ?? composerRow) - 1

        var rows: [ChatRow] = [titleBar(model, width: width)]
        rows += body(model, width: width, height: bodyHeight)
        if infoRow != nil { rows.append(infoLine(model, width: width)) }
        let (composer, cursorColumn) = composerLine(model, width: width)
        rows.append(composer)
        if footerRow != nil { rows.append(footer(model)) }

        let lines = rows.map { $0.fitted(to: width).rendered(style) }
        let cursor = cursorColumn.map { ChatFrame.Cursor(row: composerRow, column: min($0, width - 1)) }
        return ChatFrame(lines: lines, cursor: cursor)
    }

    // MARK: Layout

    private func body(_ model: ChatModel, width: Int, height: Int) -> [ChatRow] {
        guard height > 0 else { return [] }
        if model.showsHelp { return helpOverlay(width: width, height: height) }
        var main: [ChatRow]
        var mainWidth = width
        var panel: [ChatRow]?
        if model.mode == .assistant {
            let panelWidth = width >= 70 ? max(30, width * 2 / 5) : width
            panel = assistantPanel(model, width: panelWidth, height: height)
            mainWidth = width >= 70 ? width - panelWidth - 1 : 0
        }
        if mainWidth == 0 {
            main = []
        } else if case .search(let search) = model.mode {
            main = searchPane(model, search, width: mainWidth, height: height)
        } else if mainWidth >= Self.twoPaneWidth && !(panel != nil && width < 110) {
            let listWidth = min(32, max(20, mainWidth * 3 / 10))
            let list = conversationList(model, width: listWidth, height: height)
            let messages = messagePane(model, width: mainWidth - listWidth - 1, height: height)
            main = Self.joined(list, listWidth, messages, mainWidth - listWidth - 1, separator: separator)
        } else if model.focus == .list || model.openConversationID == nil {
            main = conversationList(model, width: mainWidth, height: height)
        } else {
            main = messagePane(model, width: mainWidth, height: height)
        }
        guard let panel else { return main }
        if mainWidth == 0 { return panel }
        return Self.joined(main, mainWidth, panel, width - mainWidth - 1, separator: separator)
    }

    private var separator: ChatSpan { ChatSpan("│", .muted) }

    /// Two columns side by side, each row fitted to its column.
    static func joined(_ left: [ChatRow], _ leftWidth: Int, _ right: [ChatRow], _ rightWidth: Int, separator: ChatSpan)
        -> [ChatRow]
    {
        (0..<max(left.count, right.count)).map { index in
            var row = (index < left.count ? left[index] : ChatRow()).fitted(to: leftWidth)
            row.spans.append(separator)
            row.append((index < right.count ? right[index] : ChatRow()).fitted(to: rightWidth))
            return row
        }
    }

    /// `rows` cut or padded to exactly `height`, keeping the top.
    static func filled(_ rows: [ChatRow], height: Int) -> [ChatRow] {
        Array(rows.prefix(height)) + Array(repeating: ChatRow(), count: max(0, height - rows.count))
    }

    private func tooSmall(width: Int, height: Int) -> ChatFrame {
        let words = ChatText.wrapped("Dialogue: make the terminal at least 20x5.", width: width)
        let rows = Self.filled(words.map { ChatRow($0) }, height: height)
        return ChatFrame(lines: rows.map { $0.fitted(to: width).rendered(style) }, cursor: nil)
    }

    // MARK: Bars

    private func titleBar(_ model: ChatModel, width: Int) -> ChatRow {
        var left = " Dialogue"
        if let open = model.conversation(model.openConversationID) { left += " · " + open.name }
        var right = ""
        switch model.connection.state {
        case "online": right = "● online"
        case "connecting": right = "◌ connecting"
        case "offline":
            right = "○ offline"
            if let retry = model.connection.retryInSeconds { right += " · retry in \(retry)s" }
        default: break
        }
        right += (right.isEmpty ? "" : "  ") + "? help "
        let leftWidth = ChatText.width(of: left)
        let rightWidth = ChatText.width(of: right)
        guard leftWidth + rightWidth + 1 <= width else { return ChatRow(left, .bar).fitted(to: width, fill: .bar) }
        return ChatRow(left + String(repeating: " ", count: width - leftWidth - rightWidth) + right, .bar)
    }

    private func infoLine(_ model: ChatModel, width: Int) -> ChatRow {
        if let notice = model.notice {
            return ChatRow(" " + notice.text, notice.isError ? .bad : .good)
        }
        switch model.mode {
        case .reply(let id):
            var row = ChatRow(" ↳ Replying to ", .muted)
            if let message = model.message(id) {
                row.append(model.name(of: message.senderID), .ink)
                row.append(": " + message.preview, .muted)
            } else {
                row.append("a message", .muted)
            }
            return withHint(row, "Esc cancels", width: width)
        case .edit:
            return withHint(ChatRow(" ✎ Editing your message", .ink), "Enter saves · Esc cancels", width: width)
        case .confirmDelete:
            return ChatRow(" Delete this message? y deletes it, any other key keeps it.", .bad)
        case .react(_, let choice):
            var row = ChatRow(" React ", .ink)
            for (index, emoji) in ChatModel.quickReactions.enumerated() {
                let label = "\(index + 1)" + emoji
                row.append(index == choice ? "[" + label + "]" : " " + label + " ", index == choice ? .ink : .plain)
            }
            return withHint(row, "Enter reacts · Esc cancels", width: width)
        case .search(let search):
            if search.isSearching { return ChatRow(" Searching…", .muted) }
            return ChatRow()
        case .assistant:
            if model.assistant.isAnswering { return ChatRow(" Dialogue Bot is writing…", .muted) }
            return ChatRow(" Prompts go to the assistant's provider, outside end-to-end encryption.", .muted)
        case .normal:
            return ChatRow()
        }
    }

    /// `row`, then `hint` at the right when both fit.
    private func withHint(_ row: ChatRow, _ hint: String, width: Int) -> ChatRow {
        let gap = width - row.width - ChatText.width(of: hint) - 1
        guard gap >= 2 else { return row }
        var row = row
        row.append(String(repeating: " ", count: gap))
        row.append(hint, .muted)
        return row
    }

    /// The composer (or the search or assistant prompt) and the cursor's column when it has the keys.
    private func composerLine(_ model: ChatModel, width: Int) -> (ChatRow, Int?) {
        let label: String
        let field: ChatComposer
        var placeholder = ""
        var active = true
        switch model.mode {
        case .search(let search):
            label = " Search › "
            field = search.query
            placeholder = "words to find, then Enter"
        case .assistant:
            label = " Ask › "
            field = model.assistant.input
            placeholder = model.assistant.turns.isEmpty ? "type a question, or 1-3 for a starter" : "type a question"
        default:
            label = " › "
            field = model.composer
            active = model.focus == .composer
            if model.openConversationID == nil {
                placeholder = "open a conversation to write"
            } else if !active {
                placeholder = "Enter or Tab to write a message"
            } else {
                placeholder = "write a message, Enter sends"
            }
        }
        var row = ChatRow(label, active ? .ink : .muted)
        let labelWidth = ChatText.width(of: label)
        let room = max(1, width - labelWidth - 1)
        if field.isEmpty {
            row.append(placeholder, .muted)
            return (row, active ? labelWidth : nil)
        }
        // Scroll the text horizontally so the cursor stays in view.
        let characters = field.characters.map { ChatText.sanitized(String($0)) }
        let beforeCursor = characters[..<field.cursor].reduce(0) { $0 + ChatText.width(of: $1) }
        var start = 0
        var skipped = 0
        while beforeCursor - skipped > room - 1, start < characters.count {
            skipped += ChatText.width(of: characters[start])
            start += 1
        }
        row.append(characters[start...].joined())
        return (row, active ? labelWidth + beforeCursor - skipped : nil)
    }

    private func footer(_ model: ChatModel) -> ChatRow {
        let hints: String
        switch model.mode {
        case .search: hints = "Enter search or open  ↑↓ choose  Esc close"
        case .assistant:
            hints =
                model.assistant.turns.isEmpty
                ? "Enter ask  1-3 starter prompts  Esc close  Ctrl-C quit" : "Enter ask  Esc close  Ctrl-C quit"
        case .react: hints = "1-6 or ←→ Enter  Esc cancel"
        case .confirmDelete: hints = "y delete  any other key keeps it"
        case .normal, .reply, .edit:
            switch model.focus {
            case .list: hints = "↑↓ choose  Enter open  Tab switch  / search  a assistant  ? help  q quit"
            case .messages: hints = "↑↓ choose  r reply  e edit  d delete  + react  Enter write  ? help  q quit"
            case .composer: hints = "Enter send  Esc back  Tab switch  Ctrl-C quit"
            }
        }
        return ChatRow(" " + hints, .muted)
    }

    private func helpOverlay(width: Int, height: Int) -> [ChatRow] {
        var rows = [ChatRow(" Keys", .ink), ChatRow()]
        for line in ChatKeyHelp.lines { rows.append(ChatRow(" " + line)) }
        rows.append(ChatRow())
        rows.append(ChatRow(" Press any key to close this help.", .muted))
        return Self.filled(rows, height: height)
    }
}
