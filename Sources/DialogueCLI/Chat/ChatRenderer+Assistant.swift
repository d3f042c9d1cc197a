/// The slide-out assistant panel: starter prompts when the conversation is empty, then the
/// transcript with the answer growing as tokens stream in.
extension ChatRenderer {
    func assistantPanel(_ model: ChatModel, width: Int, height: Int) -> [ChatRow] {
        let assistant = model.assistant
        var header = ChatRow(" Dialogue Bot", .ink)
        if assistant.isAnswering { header.append(" · writing…", .muted) }
        let textWidth = max(1, width - 2)
        var rows: [ChatRow] = []
        if assistant.turns.isEmpty {
            for line in ChatText.wrapped("Ask about encryption, groups or getting set up.", width: textWidth) {
                rows.append(ChatRow(" " + line, .muted))
            }
            rows.append(ChatRow())
            for (index, starter) in ChatAssistant.starters.enumerated() {
                for (lineIndex, line) in ChatText.wrapped(starter, width: max(1, width - 4)).enumerated() {
                    var row = ChatRow(lineIndex == 0 ? " \(index + 1) " : "   ", .ink)
                    row.append(line)
                    rows.append(row)
                }
            }
            return Self.filled([header] + rows, height: height)
        }
        for (index, turn) in assistant.turns.enumerated() {
            if index > 0 { rows.append(ChatRow()) }
            rows.append(ChatRow(turn.fromUser ? " You" : " Dialogue Bot", turn.fromUser ? .smoke : .ink))
            var text = turn.text
            let streaming = index == assistant.turns.count - 1 && !turn.fromUser && assistant.isAnswering
            if streaming { text += "▍" }
            for line in ChatText.wrapped(text, width: textWidth) {
                rows.append(ChatRow(" " + line, turn.failed ? .bad : .plain))
            }
        }
        // The newest at the bottom, like the conversation.
        let area = max(0, height - 1)
        let visible = Array(rows.suffix(area))
        return [header] + visible + Array(repeating: ChatRow(), count: max(0, area - visible.count))
    }
}
