import Foundation

/// The open conversation: a header, the messages (newest at the bottom, or scrolled to the chosen
/// one), who is typing.
extension ChatRenderer {
    func messagePane(_ model: ChatModel, width: Int, height: Int) -> [ChatRow] {
        guard let conversation = model.conversation(model.openConversationID) else {
            let hint = model.conversations.isEmpty ? " Nothing to show yet." : " Choose a conversation and press Enter."
            return Self.filled([ChatRow(), ChatRow(hint, .muted)], height: height)
        }
        var header = ChatRow(" " + conversation.name, .ink)
        header.append(" · " + subtitle(conversation, model), .muted)
        let typing = model.typingLine
        let area = height - 1 - (typing == nil ? 0 : 1)
        var rows = [header]
        rows += messageArea(model, width: width, height: max(0, area))
        if let typing { rows.append(ChatRow(" " + typing, .muted)) }
        return Self.filled(rows, height: height)
    }

    private func subtitle(_ conversation: ChatConversation, _ model: ChatModel) -> String {
        if conversation.isGroup { return "\(conversation.members.count) members" }
        guard let peer = conversation.peer(selfID: model.selfID), let presence = model.presence[peer] else {
            return "direct"
        }
        return RelativeTime.presence(online: presence.online, lastSeen: presence.lastSeen, now: now)
    }

    private func messageArea(_ model: ChatModel, width: Int, height: Int) -> [ChatRow] {
        guard height > 0, let id = model.openConversationID else { return [] }
        guard let messages = model.messages[id] else {
            return [ChatRow(" Loading messages…", .muted)]
        }
        guard !messages.isEmpty else { return [ChatRow(" No messages yet: say hello.", .muted)] }
        let highlighted = highlightedMessageID(model)
        var rows: [ChatRow] = []
        var highlightEnd: Int?
        var byID: [String: ChatMessage] = [:]
        for message in messages { byID[message.id] = message }
        var previous: ChatMessage?
        for message in messages {
            rows += block(
                message, after: previous, model, byID: byID, width: width, highlighted: message.id == highlighted)
            if message.id == model.selectedMessageID { highlightEnd = rows.count }
            previous = message
        }
        // Newest at the bottom; a chosen older message is scrolled to the bottom row instead.
        let end = highlightEnd.map { max($0, min(rows.count, height)) } ?? rows.count
        let start = max(0, end - height)
        var visible = Array(rows[start..<end])
        if start == 0, !model.historyComplete.contains(id), visible.count < height {
            visible.insert(ChatRow(" ↑ older messages", .muted), at: 0)
        }
        return Array(repeating: ChatRow(), count: max(0, height - visible.count)) + visible
    }

    /// The message the gutter marks: the chosen one while the message pane has the keys, or the
    /// one a reply, edit, reaction or deletion is about.
    private func highlightedMessageID(_ model: ChatModel) -> String? {
        switch model.mode {
        case .reply(let id), .edit(let id), .confirmDelete(let id), .react(let id, _): return id
        case .search, .assistant:
            return nil
        case .normal:
            return model.focus == .messages ? model.effectiveSelectedMessage?.id : nil
        }
    }

    /// One message: the sender and time when the sender changes, the quoted reply, the text with
    /// its marks, and the reactions.
    private func block(
        _ message: ChatMessage, after previous: ChatMessage?, _ model: ChatModel, byID: [String: ChatMessage],
        width: Int, highlighted: Bool
    ) -> [ChatRow] {
        let gutter = ChatSpan(highlighted ? "▌" : " ", .ink)
        let textWidth = max(1, width - 3)
        var rows: [ChatRow] = []
        if startsGroup(message, after: previous) {
            var header = ChatRow([ChatSpan(" ")])
            header.append(model.name(of: message.senderID), message.senderID == model.selfID ? .smoke : .ink)
            if let date = message.createdAt { header.append("  " + RelativeTime.describe(date, now: now), .muted) }
            rows.append(header)
        }
        if let replyTo = message.replyTo {
            let quoted = byID[replyTo] ?? model.message(replyTo)
            let text = quoted.map { model.name(of: $0.senderID) + ": " + $0.preview } ?? "an earlier message"
            rows.append(ChatRow([gutter, ChatSpan("  ↳ " + ChatText.truncated(text, to: max(1, width - 5)), .muted)]))
        }
        if message.deleted {
            rows.append(ChatRow([gutter, ChatSpan("  message deleted", .muted)]))
        } else {
            var text = ChatText.sanitized(message.text, keepNewlines: true)
            if message.hasAttachment { text = "[image]" + (text.isEmpty ? "" : " " + text) }
            var marks = ChatRow()
            if message.edited { marks.append(" (edited)", .muted) }
            switch message.state {
            case "pending": marks.append(" · queued", .muted)
            case "failed": marks.append(" · not sent", .bad)
            default: break
            }
            var lines = ChatText.wrapped(text, width: textWidth)
            if lines.isEmpty { lines = [""] }
            for (index, line) in lines.enumerated() {
                var row = ChatRow([gutter, ChatSpan("  ")])
                row.append(line, message.senderID == model.selfID ? .plain : .smoke)
                if index == lines.count - 1 {
                    if row.width + marks.width <= width {
                        row.append(marks)
                    } else {
                        rows.append(row)
                        row = ChatRow([gutter, ChatSpan("  ")])
                        row.append(marks)
                    }
                }
                rows.append(row)
            }
            if !message.reactions.isEmpty {
                var row = ChatRow([gutter, ChatSpan("  ")])
                for (index, reaction) in message.reactions.enumerated() {
                    if index > 0 { row.append("  ") }
                    row.append(reaction.emoji + " \(reaction.count)", reaction.mine ? .ink : .muted)
                }
                rows.append(row)
            }
        }
        return rows
    }

    /// A new sender, or a pause of more than five minutes, starts a new group with a header.
    private func startsGroup(_ message: ChatMessage, after previous: ChatMessage?) -> Bool {
        guard let previous, previous.senderID == message.senderID else { return true }
        guard let date = message.createdAt, let previousDate = previous.createdAt else { return false }
        return date.timeIntervalSince(previousDate) > 300
    }
}
