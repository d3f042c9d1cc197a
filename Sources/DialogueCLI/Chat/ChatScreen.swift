/// What is on the terminal now, and the bytes that turn it into the next frame.
///
/// Only rows that changed are rewritten, each from its first column after erasing it, so a
/// typed character costs one row, not a screen, and nothing flickers. A size change repaints all.
struct ChatScreen: Sendable {
    private var lines: [String] = []
    private var width = 0
    private var height = 0

    /// The escape sequences and text that draw `frame` over what was drawn before.
    mutating func update(to frame: ChatFrame, width: Int, height: Int) -> String {
        var output = "\u{1B}[?25l"
        let repaint = width != self.width || height != self.height || lines.count != frame.lines.count
        if repaint { output += "\u{1B}[0m\u{1B}[2J" }
        for (row, line) in frame.lines.enumerated() where repaint || lines[row] != line {
            output += "\u{1B}[\(row + 1);1H\u{1B}[2K" + line + "\u{1B}[0m"
        }
        if let cursor = frame.cursor {
            output += "\u{1B}[\(cursor.row + 1);\(cursor.column + 1)H\u{1B}[?25h"
        }
        lines = frame.lines
        self.width = width
        self.height = height
        return output
    }

    /// Forgets what is on the terminal, so the next update repaints everything.
    mutating func invalidate() {
        lines = []
        width = 0
        height = 0
    }
}
