import DialogueRPC
import Foundation

/// Lists: people, conversations, presence, devices, the method table.
extension OutputFormatter {
    /// `users.list`: name, presence, unread, id.
    func users(_ value: JSONValue) -> String {
        let users = value.arrayValue ?? []
        if users.isEmpty { return style.muted("No people yet.") }
        let rows = users.map { user -> [Table.Cell] in
            let online = user["online"]?.boolValue ?? false
            let unread = user["unread"]?.integerValue ?? 0
            return [
                Table.Cell(user["fullname"]?.stringValue ?? "?", paint: style.ink),
                Table.Cell(
                    RelativeTime.presence(online: online, lastSeen: user["lastSeen"]?.stringValue, now: now),
                    paint: { online ? style.good($0) : style.muted($0) }),
                Table.Cell(unread > 0 ? "\(unread)" : ""),
                Table.Cell(user["id"]?.stringValue ?? "", paint: style.muted),
            ]
        }
        return Table(headers: ["NAME", "PRESENCE", "UNREAD", "ID"], rows: rows).render(style: style)
    }

    /// `conversations.list`: name (groups marked `#`, ones you left or were removed from marked so),
    /// unread, the last message and when, id.
    func conversations(_ value: JSONValue) -> String {
        let conversations = value.arrayValue ?? []
        if conversations.isEmpty { return style.muted("No conversations yet.") }
        let rows = conversations.map { conversation -> [Table.Cell] in
            let isGroup = conversation["isGroup"]?.boolValue ?? false
            var name = (isGroup ? "# " : "") + (conversation["name"]?.stringValue ?? "?")
            if conversation["muted"]?.boolValue == true { name += " (muted)" }
            // The daemon keeps a group's history after you leave (or are removed): say so.
            if conversation["removed"]?.boolValue == true { name += " (not a member)" }
            let unread = conversation["unread"]?.integerValue ?? 0
            var last = ""
            var when = ""
            if let message = conversation["lastMessage"], message.objectValue != nil {
                last = Self.truncated(preview(message), to: 40)
                when = RelativeTime.describe(message["createdAt"]?.stringValue, now: now)
            }
            return [
                Table.Cell(name, paint: style.ink),
                Table.Cell(unread > 0 ? "\(unread)" : ""),
                Table.Cell(when, paint: style.muted),
                Table.Cell(last),
                Table.Cell(conversation["id"]?.stringValue ?? "", paint: style.muted),
            ]
        }
        return Table(headers: ["CHAT", "UNREAD", "WHEN", "LAST MESSAGE", "ID"], rows: rows).render(style: style)
    }

    /// `presence.list`: who is online and since when the others are away.
    func presence(_ value: JSONValue) -> String {
        let entries = value.arrayValue ?? []
        if entries.isEmpty { return style.muted("Nobody to show.") }
        let rows = entries.map { entry -> [Table.Cell] in
            let online = entry["online"]?.boolValue ?? false
            return [
                Table.Cell(name(of: entry["userId"]?.stringValue), paint: style.ink),
                Table.Cell(
                    RelativeTime.presence(online: online, lastSeen: entry["lastSeen"]?.stringValue, now: now),
                    paint: { online ? style.good($0) : style.muted($0) }),
            ]
        }
        return Table(headers: ["NAME", "PRESENCE"], rows: rows).render(style: style)
    }

    /// `devices.list`: name, added, id, this device marked; the daemon may know no name or date.
    func devices(_ value: JSONValue) -> String {
        let devices = value.arrayValue ?? []
        if devices.isEmpty { return style.muted("No devices.") }
        let rows = devices.map { device -> [Table.Cell] in
            [
                Table.Cell(Self.deviceName(device), paint: style.ink),
                Table.Cell(RelativeTime.describe(device["createdAt"]?.stringValue, now: now), paint: style.muted),
                Table.Cell(device["id"]?.stringValue ?? "", paint: style.muted),
            ]
        }
        return Table(headers: ["DEVICE", "ADDED", "ID"], rows: rows).render(style: style)
    }

    /// A device's name with this device marked, or what it is when the daemon knows no name.
    static func deviceName(_ device: JSONValue) -> String {
        let current = device["current"]?.boolValue == true
        guard let name = device["name"]?.stringValue, !name.isEmpty else {
            return current ? "this device" : "another device"
        }
        return name + (current ? " (this device)" : "")
    }

    /// `rpc.discover`: one line per method with its summary.
    func discover(_ value: JSONValue) -> String {
        let methods = value["methods"]?.arrayValue ?? []
        let rows = methods.map { method -> [Table.Cell] in
            [
                Table.Cell(method["name"]?.stringValue ?? "?", paint: style.ink),
                Table.Cell(method["summary"]?.stringValue ?? ""),
            ]
        }
        var text = Table(headers: ["METHOD", "SUMMARY"], rows: rows).render(style: style)
        if let version = value["info"]?["version"]?.stringValue {
            text = style.muted("dialogued \(version) · \(methods.count) methods") + "\n" + text
        }
        return text
    }

    /// `security.safetyNumber`: 60 digits in twelve groups of five, three rows, and the verified state.
    func safetyNumber(_ value: JSONValue, for person: String) -> String {
        let digits = Array((value["number"]?.stringValue ?? "").filter { !$0.isWhitespace })
        var groups: [String] = []
        var index = 0
        while index < digits.count {
            groups.append(String(digits[index..<min(index + 5, digits.count)]))
            index += 5
        }
        var lines = [style.ink("Safety number with \(person)")]
        index = 0
        while index < groups.count {
            lines.append("  " + groups[index..<min(index + 4, groups.count)].joined(separator: " "))
            index += 4
        }
        let verified = value["verified"]?.boolValue ?? false
        lines.append(
            verified
                ? style.good("Verified.")
                : style.muted("Not verified: compare it with \(person), then run `dialogue verify`."))
        return lines.joined(separator: "\n")
    }

    /// `bot.history`: who said what, oldest first.
    func botHistory(_ value: JSONValue) -> String {
        let turns = value.arrayValue ?? []
        if turns.isEmpty { return style.muted("The assistant conversation is empty.") }
        return turns.map { turn in
            let role = turn["role"]?.stringValue == "user" ? "You" : "Dialogue Bot"
            let when = RelativeTime.describe(turn["createdAt"]?.stringValue, now: now)
            return style.ink(role) + " " + style.muted(when) + "\n" + (turn["text"]?.stringValue ?? "")
        }.joined(separator: "\n\n")
    }

    /// Cuts long previews with an ellipsis so tables stay on one line.
    static func truncated(_ text: String, to length: Int) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        guard line.count > length else { return line }
        return String(line.prefix(length - 1)) + "…"
    }
}
