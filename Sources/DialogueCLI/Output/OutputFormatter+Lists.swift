import DialogueRPC
import Foundation

/// Lists: people, conversations, presence, devices, the method table.
extension OutputFormatter {
    /// `users.list`: name, presence, unread, id.
    func users(_ users: [UserView]) -> String {
        if users.isEmpty { return style.muted("No people yet.") }
        let rows = users.map { user -> [Table.Cell] in
            [
                Table.Cell(user.fullname, paint: style.ink),
                Table.Cell(
                    RelativeTime.presence(online: user.online, lastSeen: user.lastSeen, now: now),
                    paint: { user.online ? style.good($0) : style.muted($0) }),
                Table.Cell(user.unread > 0 ? "\(user.unread)" : ""),
                Table.Cell(user.id, paint: style.muted),
            ]
        }
        return Table(headers: ["NAME", "PRESENCE", "UNREAD", "ID"], rows: rows).render(style: style)
    }

    /// `conversations.list`: name (groups marked `#`, ones you left or were removed from marked so),
    /// unread, the last message and when, id.
    func conversations(_ conversations: [ConversationView]) -> String {
        if conversations.isEmpty { return style.muted("No conversations yet.") }
        let rows = conversations.map { conversation -> [Table.Cell] in
            var name = (conversation.isGroup ? "# " : "") + conversation.name
            if conversation.muted { name += " (muted)" }
            // The daemon keeps a group's history after you leave (or are removed): say so.
            if conversation.removed { name += " (not a member)" }
            var last = ""
            var when = ""
            if let message = conversation.lastMessage {
                last = Self.truncated(preview(message), to: 40)
                when = RelativeTime.describe(message.createdAt, now: now)
            }
            return [
                Table.Cell(name, paint: style.ink),
                Table.Cell(conversation.unread > 0 ? "\(conversation.unread)" : ""),
                Table.Cell(when, paint: style.muted),
                Table.Cell(last),
                Table.Cell(conversation.id, paint: style.muted),
            ]
        }
        return Table(headers: ["CHAT", "UNREAD", "WHEN", "LAST MESSAGE", "ID"], rows: rows).render(style: style)
    }

    /// `presence.list`: who is online and since when the others are away.
    func presence(_ entries: [PresenceView]) -> String {
        if entries.isEmpty { return style.muted("Nobody to show.") }
        let rows = entries.map { entry -> [Table.Cell] in
            [
                Table.Cell(name(of: entry.userId), paint: style.ink),
                Table.Cell(
                    RelativeTime.presence(online: entry.online, lastSeen: entry.lastSeen, now: now),
                    paint: { entry.online ? style.good($0) : style.muted($0) }),
            ]
        }
        return Table(headers: ["NAME", "PRESENCE"], rows: rows).render(style: style)
    }

    /// `devices.list`: this device marked, whether each can receive yet, id.
    func devices(_ devices: [DeviceView]) -> String {
        if devices.isEmpty { return style.muted("No devices.") }
        let rows = devices.map { device -> [Table.Cell] in
            [
                Table.Cell(device.current ? "this device" : "another device", paint: style.ink),
                Table.Cell(device.canReceive ? "" : "not ready to receive", paint: style.muted),
                Table.Cell(device.id, paint: style.muted),
            ]
        }
        return Table(headers: ["DEVICE", "STATE", "ID"], rows: rows).render(style: style)
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
    func safetyNumber(_ safetyNumber: SafetyNumberView, for person: String) -> String {
        let digits = Array(safetyNumber.number.filter { !$0.isWhitespace })
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
        lines.append(
            safetyNumber.verified
                ? style.good("Verified.")
                : style.muted("Not verified: compare it with \(person), then run `dialogue verify`."))
        return lines.joined(separator: "\n")
    }

    /// `bot.history`: who said what, oldest first.
    func botHistory(_ turns: [BotTurnView]) -> String {
        if turns.isEmpty { return style.muted("The assistant conversation is empty.") }
        return turns.map { turn in
            let role = turn.role == .user ? "You" : "Dialogue Bot"
            return style.ink(role) + " " + style.muted(RelativeTime.describe(turn.createdAt, now: now)) + "\n"
                + turn.text
        }.joined(separator: "\n\n")
    }

    /// Cuts long previews with an ellipsis so tables stay on one line.
    static func truncated(_ text: String, to length: Int) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        guard line.count > length else { return line }
        return String(line.prefix(length - 1)) + "…"
    }
}
