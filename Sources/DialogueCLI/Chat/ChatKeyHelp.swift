/// The chat's key bindings, written once for both `dialogue chat --help` and the `?` overlay.
enum ChatKeyHelp {
    static let bindings: [(keys: String, action: String)] = [
        ("Tab, Shift-Tab", "move between the list, the messages and the composer"),
        ("← → h l", "back to the list / open the highlighted conversation"),
        ("↑ ↓ j k", "choose a conversation or message; ↑ at the top loads more"),
        ("Enter", "open the conversation; in the composer, send"),
        ("r", "reply to the chosen message"),
        ("e", "edit your message (within 15 minutes)"),
        ("d", "delete your message (asks first)"),
        ("+", "react: 1-6 or ← → and Enter; or type any emoji"),
        ("/", "search messages; Enter opens the chosen hit"),
        ("a", "assistant panel: 1-3 ask a starter prompt, Esc closes"),
        ("Esc", "leave the composer, cancel a reply or edit, close a panel"),
        ("?", "this help"),
        ("q, Ctrl-C", "quit (q outside the composer)"),
    ]

    /// The bindings as aligned plain lines.
    static var lines: [String] {
        let width = bindings.map { ChatText.width(of: $0.keys) }.max() ?? 0
        return bindings.map { ChatText.padded($0.keys, to: width) + "  " + $0.action }
    }
}
