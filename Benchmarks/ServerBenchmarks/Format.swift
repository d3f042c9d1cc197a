/// Number formatting for the results table, without Foundation's locale-dependent formatters.
enum Format {
    /// A rate or count: whole numbers above 100, one decimal below.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if abs(value) >= 100 { return String(Int(value.rounded())) }
        return String((value * 10).rounded() / 10)
    }

    /// Milliseconds with two decimals.
    static func milliseconds(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        return String((value * 100).rounded() / 100) + " ms"
    }
}
