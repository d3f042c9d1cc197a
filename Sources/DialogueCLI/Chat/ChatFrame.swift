/// One full screen: a styled line per row, each exactly the terminal's width, and where the
/// cursor goes (`nil` hides it).
struct ChatFrame: Sendable, Equatable {
    /// A cursor position, 0-based.
    struct Cursor: Sendable, Equatable {
        var row: Int
        var column: Int
    }

    var lines: [String]
    var cursor: Cursor?
}
