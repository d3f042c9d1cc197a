/// Search results in place of the conversation: where each hit is, who wrote it, and the text.
extension ChatRenderer {
    func searchPane(_ model: ChatModel, _ search: ChatSearch, width: Int, height: Int) -> [ChatRow] {
        var rows: [ChatRow] = []
        if let query = search.searchedQuery {
            let count = search.results.count
            rows.append(ChatRow(" Search · \(count) \(count == 1 ? "match" : "matches") for “\(query)”", .ink))
        } else {
            rows.append(ChatRow(" Search", .ink))
            rows.append(ChatRow(" Type words to find, then press Enter.", .muted))
            return Self.filled(rows, height: height)
        }
        let visible = max(1, (height - 1) / 2)
        let first = max(0, min(search.selected - visible + 1, search.results.count - visible))
        for (offset, hit) in search.results[first..<min(search.results.count, first + visible)].enumerated() {
            let selected = first + offset == search.selected
            var location = ChatRow(selected ? "›" : " ", .ink)
            location.append(model.conversation(hit.conversationID)?.name ?? hit.conversationID, .ink)
            location.append(" · " + model.name(of: hit.senderID), .muted)
            if let date = hit.createdAt { location.append("  " + RelativeTime.describe(date, now: now), .muted) }
            rows.append(location)
            rows.append(ChatRow("   " + ChatText.truncated(hit.preview, to: max(1, width - 3))))
        }
        return Self.filled(rows, height: height)
    }
}
