import DialogueRPC
import Foundation

/// Pure functions from a daemon result to the text people read.
///
/// Nothing here does I/O: the style (colour or not) and `now` are injected, so every shape is
/// tested byte for byte.
struct OutputFormatter {
    var style: Style
    var now: Date
    /// Display names by user id, for senders; ids show when a name is unknown.
    var names: [String: String] = [:]
    /// The signed-in user's id, shown as "You".
    var selfID: String?

    /// `daemon.status` as a short aligned report.
    func status(_ value: JSONValue) -> String {
        var rows: [[Table.Cell]] = []
        func row(_ label: String, _ text: String, _ paint: @escaping (String) -> String = { $0 }) {
            rows.append([Table.Cell(label, paint: style.muted), Table.Cell(text, paint: paint)])
        }
        row("Daemon", "dialogued " + (value["version"]?.stringValue ?? "?"))
        let locked = value["locked"]?.boolValue ?? true
        row("Key store", locked ? "locked" : "unlocked", { locked ? style.bad($0) : style.good($0) })
        if let account = value["account"], account.objectValue != nil {
            row("Account", accountLine(account), style.ink)
            if account["needsLink"]?.boolValue == true {
                row("Device", "not linked yet: run `dialogue link` here", style.bad)
            }
        } else {
            row("Account", locked ? "unknown until unlocked" : "not signed in")
        }
        if let connection = value["connection"] {
            let state = connection["state"]?.stringValue ?? "unknown"
            var text = state
            if let server = connection["server"]?.stringValue { text += " · " + server }
            if let retry = connection["retryInSeconds"]?.integerValue ?? connection["retryInSeconds"].flatMap(seconds) {
                text += " · retry in \(retry)s"
            }
            if let error = connection["lastError"]?.stringValue { text += " · " + error }
            row("Server", text, { state == "online" ? style.good($0) : state == "offline" ? style.bad($0) : $0 })
        }
        if let pending = value["outboxPending"]?.integerValue { row("Outbox", "\(pending) pending") }
        if let cache = value["cache"] {
            let messages = cache["messages"]?.integerValue ?? 0
            let conversations = cache["conversations"]?.integerValue ?? 0
            let bytes = cache["bytes"]?.integerValue ?? 0
            row("Cache", "\(messages) messages · \(conversations) conversations · \(Self.byteCount(bytes))")
        }
        return Table(headers: [], rows: rows).render(style: style)
    }

    /// `Name <email>`, the way an account is named everywhere.
    func accountLine(_ account: JSONValue) -> String {
        let name = account["fullname"]?.stringValue ?? account["id"]?.stringValue ?? "?"
        guard let email = account["email"]?.stringValue else { return name }
        return "\(name) <\(email)>"
    }

    /// An account (`me`, `signup`, `login`, `profile`): name, e-mail, bio, id.
    func account(_ value: JSONValue) -> String {
        var lines = [style.ink(accountLine(value))]
        if let bio = value["bio"]?.stringValue, !bio.isEmpty { lines.append(bio) }
        if let avatar = value["avatarUrl"]?.stringValue { lines.append(style.muted("Avatar " + avatar)) }
        if let id = value["id"]?.stringValue { lines.append(style.muted("Id " + id)) }
        return lines.joined(separator: "\n")
    }

    /// The display name for a user id.
    func name(of userID: String?) -> String {
        guard let userID else { return "?" }
        if userID == selfID { return "You" }
        return names[userID] ?? userID
    }

    /// 1536 → "1.5 KB".
    static func byteCount(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        return String(format: "%.1f", value) + " " + units[unit]
    }

    private func seconds(_ value: JSONValue) -> Int? {
        if case .double(let seconds) = value { return Int(seconds.rounded(.up)) }
        return nil
    }
}
