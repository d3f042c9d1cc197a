import Foundation

/// RFC 3339 formatting for wire dates, always UTC with millisecond precision.
public enum WireDate {
    /// Formats `date` as `2026-11-26T23:24:21.123Z`.
    public static func string(from date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis / 1000
        let fraction = Int(millis - seconds * 1000)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let base = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let fractionText = String(fraction + 1000).dropFirst()
        return base.replacingOccurrences(of: "Z", with: ".\(fractionText)Z")
    }

    /// Parses an RFC 3339 date with or without fractional seconds.
    public static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
