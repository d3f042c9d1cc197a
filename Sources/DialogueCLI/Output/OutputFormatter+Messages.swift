import DialogueRPC

/// Messages: history lines, single results, search hits with highlights.
extension OutputFormatter {
    /// A short one-line preview: the text, "[image]", or "message deleted".
    func preview(_ message: MessageView) -> String {
        if message.deleted { return "message deleted" }
        let hasAttachment = message.attachment != nil
        if message.text.isEmpty { return hasAttachment ? "[image]" : "" }
        return hasAttachment ? "[image] " + message.text : message.text
    }

    /// One message: `time  Sender  text (edited)  reactions  [state]`, with a quoted reply above.
    ///
    /// `body` replaces the text (search uses it for highlighted text).
    func message(_ message: MessageView, body: String? = nil, byID: [String: MessageView] = [:]) -> String {
        var lines: [String] = []
        if let replyTo = message.replyTo {
            let quoted = byID[replyTo].map { name(of: $0.senderId) + ": " + preview($0) }
            lines.append(style.muted("  ↳ " + Self.truncated(quoted ?? "reply to \(replyTo)", to: 60)))
        }
        let when = RelativeTime.describe(message.createdAt, now: now)
        var line = style.muted(when) + "  " + style.ink(name(of: message.senderId)) + "  "
        if message.deleted {
            line += style.muted("message deleted")
        } else {
            line += body ?? preview(message)
            if message.editedAt != nil { line += " " + style.muted("(edited)") }
        }
        let reactions = message.reactions.map { $0.count > 1 ? "\($0.emoji) \($0.count)" : $0.emoji }
        if !reactions.isEmpty { line += "  " + reactions.joined(separator: " ") }
        switch message.state {
        case .pending: line += "  " + style.muted("[queued]")
        case .failed: line += "  " + style.bad("[failed]")
        case .sent: break
        }
        line += "  " + style.muted(message.id)
        lines.append(line)
        if !message.deleted, let attachment = message.attachment.map(attachmentLine) {
            lines.append("  " + attachment)
        }
        return lines.joined(separator: "\n")
    }

    /// Where the daemon saved an image (decrypted, for opening) and what it is: `image PATH (8×6, 1.2 KB)`.
    func attachmentLine(_ attachment: AttachmentView) -> String {
        var facts: [String] = []
        if let width = attachment.width, let height = attachment.height { facts.append("\(width)×\(height)") }
        facts.append(Self.byteCount(attachment.size))
        let place = attachment.path ?? attachment.name ?? "(not downloaded yet)"
        return style.muted("image ") + place + style.muted(" (" + facts.joined(separator: ", ") + ")")
    }

    /// `messages.list`: one message per line, oldest first, replies quoted from the same page.
    func messages(_ messages: [MessageView]) -> String {
        if messages.isEmpty { return style.muted("No messages.") }
        let byID = Dictionary(messages.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        return messages.map { self.message($0, byID: byID) }.joined(separator: "\n")
    }

    /// `messages.search`: each hit as a message line whose matched ranges are highlighted.
    func searchHits(_ hits: [SearchResultView]) -> String {
        if hits.isEmpty { return style.muted("No matches.") }
        return hits.map { hit in
            let ranges = hit.highlights.compactMap { bounds -> Range<Int>? in
                guard bounds.count == 2, bounds[0] < bounds[1] else { return nil }
                return bounds[0]..<bounds[1]
            }
            return self.message(hit.message, body: Self.highlighted(hit.message.text, ranges: ranges, style: style))
        }.joined(separator: "\n")
    }

    /// Marks `ranges` (offsets in Unicode scalars, end exclusive, as `messages.search` gives them)
    /// of `text`; overlapping or out-of-range ranges are merged and clamped rather than trusted.
    static func highlighted(_ text: String, ranges: [Range<Int>], style: Style) -> String {
        let scalars = Array(text.unicodeScalars)
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = min(max(0, range.lowerBound), scalars.count)
            let upper = min(scalars.count, range.upperBound)
            guard lower < upper else { continue }
            let clamped = lower..<upper
            if let last = merged.last, clamped.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, clamped.upperBound)
            } else {
                merged.append(clamped)
            }
        }
        func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: part)
            return String(view)
        }
        var output = ""
        var position = 0
        for range in merged {
            output += string(scalars[position..<range.lowerBound])
            output += style.highlight(string(scalars[range]))
            position = range.upperBound
        }
        output += string(scalars[position...])
        return output
    }
}
