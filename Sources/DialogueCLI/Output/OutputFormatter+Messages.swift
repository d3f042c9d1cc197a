import DialogueRPC

/// Messages: history lines, single results, search hits with highlights.
extension OutputFormatter {
    /// A short one-line preview: the text, "[image]", or "message deleted".
    func preview(_ message: JSONValue) -> String {
        if message["deleted"]?.boolValue == true { return "message deleted" }
        let text = message["text"]?.stringValue ?? ""
        let hasAttachment = message["attachment"].map { !$0.isNull } ?? false
        if text.isEmpty { return hasAttachment ? "[image]" : "" }
        return hasAttachment ? "[image] " + text : text
    }

    /// One message: `time  Sender  text (edited)  reactions  [state]`, with a quoted reply above.
    ///
    /// `body` replaces the text (search uses it for highlighted text).
    func message(_ message: JSONValue, body: String? = nil, byID: [String: JSONValue] = [:]) -> String {
        var lines: [String] = []
        if let replyTo = message["replyTo"]?.stringValue {
            let quoted = byID[replyTo].map { name(of: $0["senderId"]?.stringValue) + ": " + preview($0) }
            lines.append(style.muted("  ↳ " + Self.truncated(quoted ?? "reply to \(replyTo)", to: 60)))
        }
        let when = RelativeTime.describe(message["createdAt"]?.stringValue, now: now)
        var line = style.muted(when) + "  " + style.ink(name(of: message["senderId"]?.stringValue)) + "  "
        if message["deleted"]?.boolValue == true {
            line += style.muted("message deleted")
        } else {
            line += body ?? preview(message)
            if message["editedAt"].map({ !$0.isNull }) ?? false { line += " " + style.muted("(edited)") }
        }
        let reactions = (message["reactions"]?.arrayValue ?? []).compactMap { reaction -> String? in
            guard let emoji = reaction["emoji"]?.stringValue else { return nil }
            let count = reaction["count"]?.integerValue ?? 1
            return count > 1 ? "\(emoji) \(count)" : emoji
        }
        if !reactions.isEmpty { line += "  " + reactions.joined(separator: " ") }
        switch message["state"]?.stringValue {
        case "pending": line += "  " + style.muted("[queued]")
        case "failed": line += "  " + style.bad("[failed]")
        default: break
        }
        if let id = message["id"]?.stringValue { line += "  " + style.muted(id) }
        lines.append(line)
        if message["deleted"]?.boolValue != true, let attachment = attachmentLine(message["attachment"]) {
            lines.append("  " + attachment)
        }
        return lines.joined(separator: "\n")
    }

    /// Where the daemon saved an image (decrypted, for opening) and what it is: `image PATH (8×6, 1.2 KB)`.
    func attachmentLine(_ attachment: JSONValue?) -> String? {
        guard let attachment, attachment.objectValue != nil else { return nil }
        var facts: [String] = []
        if let width = attachment["width"]?.integerValue, let height = attachment["height"]?.integerValue {
            facts.append("\(width)×\(height)")
        }
        if let size = attachment["size"]?.integerValue { facts.append(Self.byteCount(size)) }
        let place = attachment["path"]?.stringValue ?? attachment["name"]?.stringValue ?? "(not downloaded yet)"
        return style.muted("image ") + place
            + (facts.isEmpty ? "" : style.muted(" (" + facts.joined(separator: ", ") + ")"))
    }

    /// `messages.list`: one message per line, oldest first, replies quoted from the same page.
    func messages(_ value: JSONValue) -> String {
        let messages = value.arrayValue ?? []
        if messages.isEmpty { return style.muted("No messages.") }
        var byID: [String: JSONValue] = [:]
        for message in messages { if let id = message["id"]?.stringValue { byID[id] = message } }
        return messages.map { self.message($0, byID: byID) }.joined(separator: "\n")
    }

    /// `messages.search`: each hit as a message line whose matched ranges are highlighted.
    func searchHits(_ value: JSONValue) -> String {
        let hits = value.arrayValue ?? []
        if hits.isEmpty { return style.muted("No matches.") }
        return hits.map { hit in
            let message = hit["message"] ?? .null
            let ranges = (hit["highlights"]?.arrayValue ?? []).compactMap { pair -> Range<Int>? in
                guard let bounds = pair.arrayValue, bounds.count == 2,
                    let start = bounds[0].integerValue, let end = bounds[1].integerValue, start < end
                else { return nil }
                return start..<end
            }
            let text = message["text"]?.stringValue ?? ""
            return self.message(message, body: Self.highlighted(text, ranges: ranges, style: style))
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
