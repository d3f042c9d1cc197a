/// One screen row (or part of one) as styled spans, measured in terminal cells.
struct ChatRow: Sendable, Equatable {
    var spans: [ChatSpan]

    init(_ spans: [ChatSpan] = []) {
        self.spans = spans
    }

    init(_ text: String, _ role: ChatSpan.Role = .plain) {
        self.spans = text.isEmpty ? [] : [ChatSpan(text, role)]
    }

    /// The row's width in cells.
    var width: Int { spans.reduce(0) { $0 + ChatText.width(of: $1.text) } }

    /// The row's text without styling.
    var plainText: String { spans.map(\.text).joined() }

    mutating func append(_ text: String, _ role: ChatSpan.Role = .plain) {
        guard !text.isEmpty else { return }
        spans.append(ChatSpan(text, role))
    }

    mutating func append(_ row: ChatRow) {
        spans += row.spans
    }

    /// Exactly `width` cells: cut with `…` when too long, padded with spaces (in `fill`) when short.
    func fitted(to width: Int, fill: ChatSpan.Role = .plain) -> ChatRow {
        guard width > 0 else { return ChatRow() }
        var output = ChatRow()
        var used = 0
        let overflows = self.width > width
        let budget = overflows ? width - 1 : width
        for span in spans {
            guard used < budget else { break }
            let remaining = budget - used
            let spanWidth = ChatText.width(of: span.text)
            if spanWidth <= remaining {
                output.spans.append(span)
                used += spanWidth
            } else {
                var cut = ""
                var cutWidth = 0
                for character in span.text {
                    let cells = ChatText.width(of: character)
                    if cutWidth + cells > remaining { break }
                    cut.append(character)
                    cutWidth += cells
                }
                output.append(cut, span.role)
                used += cutWidth
                break
            }
        }
        if overflows {
            let role = output.spans.last?.role ?? fill
            output.append(String(repeating: " ", count: max(0, budget - used)) + "…", role)
            used = width
        }
        if used < width { output.append(String(repeating: " ", count: width - used), fill) }
        return output
    }

    /// The row as terminal text in `style`.
    func rendered(_ style: Style) -> String {
        spans.map { style.paint($0.text, $0.role) }.joined()
    }
}
