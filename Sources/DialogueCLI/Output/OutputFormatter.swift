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
    func status(_ status: StatusView) -> String {
        var rows: [[Table.Cell]] = []
        func row(_ label: String, _ text: String, _ paint: @escaping (String) -> String = { $0 }) {
            rows.append([Table.Cell(label, paint: style.muted), Table.Cell(text, paint: paint)])
        }
        row("Daemon", "dialogued " + status.version)
        let locked = status.locked
        row("Key store", locked ? "locked" : "unlocked", { locked ? style.bad($0) : style.good($0) })
        if let account = status.account {
            row("Account", accountLine(account), style.ink)
            if account.needsLink == true {
                row("Device", "not linked yet: run `dialogue link` here", style.bad)
            }
        } else {
            row("Account", locked ? "unknown until unlocked" : "not signed in")
        }
        let connection = status.connection
        var text = connection.state.rawValue
        if let server = connection.server { text += " · " + server }
        if let retry = connection.retryInSeconds { text += " · retry in \(Int(retry.rounded(.up)))s" }
        if let error = connection.lastError { text += " · " + error }
        row(
            "Server", text,
            {
                switch connection.state {
                case .online: style.good($0)
                case .offline: style.bad($0)
                case .connecting: $0
                }
            })
        row("Outbox", "\(status.outboxPending) pending")
        let cache = status.cache
        row(
            "Cache",
            "\(cache.messages) messages · \(cache.conversations) conversations · \(Self.byteCount(cache.bytes))")
        return Table(headers: [], rows: rows).render(style: style)
    }

    /// `Name <email>`, the way an account is named everywhere.
    func accountLine(_ account: AccountView) -> String {
        "\(account.fullname.isEmpty ? account.id : account.fullname) <\(account.email)>"
    }

    /// An account (`me`, `signup`, `login`, `profile`): name, e-mail, bio, id.
    func account(_ account: AccountView) -> String {
        var lines = [style.ink(accountLine(account))]
        if !account.bio.isEmpty { lines.append(account.bio) }
        if let avatar = account.avatarUrl { lines.append(style.muted("Avatar " + avatar)) }
        lines.append(style.muted("Id " + account.id))
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
}
