/// The original's Smoke White & Ink Blue palette, as ANSI escapes, or nothing at all.
///
/// Everything that colours text goes through a `Style`, so a non-terminal, `NO_COLOR` or
/// `--no-color` gives plain text by construction and formatting stays a pure function.
struct Style: Sendable, Equatable {
    var colored: Bool

    static let plain = Style(colored: false)

    /// Colour only on a terminal, with `NO_COLOR` unset or empty (no-color.org), `TERM` not `dumb`
    /// and no `--no-color`.
    static func shouldColor(isTerminal: Bool, environment: [String: String], noColorFlag: Bool) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    /// Ink Blue (#2F5DA8 lifted for dark backgrounds) for names and headers.
    func ink(_ text: String) -> String { wrap(text, "\u{1B}[1;38;2;74;124;212m") }
    /// Muted grey for times, ids and secondary facts.
    func muted(_ text: String) -> String { wrap(text, "\u{1B}[38;2;138;143;152m") }
    /// Smoke White emphasis for the message text itself.
    func smoke(_ text: String) -> String { wrap(text, "\u{1B}[38;2;236;236;236m") }
    /// Good news: online, sent, verified.
    func good(_ text: String) -> String { wrap(text, "\u{1B}[32m") }
    /// Bad news: failed, locked, not verified.
    func bad(_ text: String) -> String { wrap(text, "\u{1B}[31m") }
    /// A search hit: bold and underlined when coloured, `[...]` when not.
    func highlight(_ text: String) -> String {
        colored ? "\u{1B}[1;4m" + text + "\u{1B}[22;24m" : "[" + text + "]"
    }

    private func wrap(_ text: String, _ code: String) -> String {
        colored && !text.isEmpty ? code + text + "\u{1B}[0m" : text
    }
}
