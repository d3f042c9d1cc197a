import Foundation

/// "now", "5m ago", "Active 5m ago": times as people say them, against an injected `now`.
enum RelativeTime {
    /// Parses the daemon's RFC 3339 UTC times, with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    /// "now" under a minute, then minutes, hours, days, and the date after a week.
    static func describe(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(seconds / 60)m ago"
        case ..<86_400: return "\(seconds / 3600)h ago"
        case ..<(7 * 86_400): return "\(seconds / 86_400)d ago"
        default:
            return date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
        }
    }

    /// `describe` for an RFC 3339 string; the text itself when it does not parse.
    static func describe(_ text: String?, now: Date) -> String {
        guard let text else { return "" }
        guard let date = parse(text) else { return text }
        return describe(date, now: now)
    }

    /// "Online", "Active 5m ago", "Active now" or "Offline" when never seen.
    static func presence(online: Bool, lastSeen: String?, now: Date) -> String {
        if online { return "Online" }
        guard let lastSeen, let date = parse(lastSeen) else { return "Offline" }
        return "Active " + describe(date, now: now)
    }
}
