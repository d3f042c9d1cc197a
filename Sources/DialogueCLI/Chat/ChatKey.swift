/// One key press (or one paste) as the chat understands it, decoded from the terminal's bytes.
enum ChatKey: Sendable, Hashable {
    /// A printable character, including emoji and other multi-scalar clusters.
    case character(Character)
    /// Text pasted in one go (bracketed paste), so its line breaks do not send messages.
    case paste(String)
    /// Ctrl with a letter, as its lowercase letter (`control("c")` is Ctrl-C).
    case control(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
}
