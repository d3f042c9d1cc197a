/// The chat's extra roles in the same Smoke White & Ink Blue palette.
extension Style {
    /// `text` styled for `role`; unchanged without colour.
    func paint(_ text: String, _ role: ChatSpan.Role) -> String {
        guard colored, !text.isEmpty else { return text }
        switch role {
        case .plain: return text
        case .ink: return ink(text)
        case .muted: return muted(text)
        case .smoke: return smoke(text)
        case .good: return good(text)
        case .bad: return bad(text)
        case .highlight: return highlight(text)
        case .bar: return "\u{1B}[1;38;2;236;236;236;48;2;47;93;168m" + text + "\u{1B}[0m"
        case .selected: return "\u{1B}[38;2;236;236;236;48;2;37;58;99m" + text + "\u{1B}[0m"
        }
    }
}
