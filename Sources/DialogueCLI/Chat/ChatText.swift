/// Terminal cell arithmetic: how wide text is on screen, and cutting, padding and wrapping by width.
///
/// Counting characters is wrong on a terminal: CJK and most emoji take two cells, combining marks
/// none. Widths here follow Unicode's East Asian Width and Emoji_Presentation properties (what
/// current terminals and tmux do), as a pure function so layouts are tested byte for byte.
enum ChatText {
    /// The cells one grapheme cluster takes: 0, 1 or 2.
    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // An emoji presentation selector or a keycap/ZWJ sequence renders as one wide emoji.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return width(of: first)
    }

    /// The cells one scalar takes when it starts a cluster.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x7F { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// The cells `text` takes on one line.
    static func width(of text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Text safe to write to a terminal: control characters (escape sequences in a message could
    /// otherwise retitle, recolour or scramble the screen) become nothing, tabs a space, and line
    /// breaks stay only when `keepNewlines`.
    static func sanitized(_ text: String, keepNewlines: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\u{2028}" || character == "\u{2029}" {
                output.append(keepNewlines ? "\n" : " ")
            } else if character == "\t" {
                output.append(" ")
            } else if character.unicodeScalars.contains(where: isUnsafe) {
                let kept = character.unicodeScalars.filter { !isUnsafe($0) }
                output.unicodeScalars.append(contentsOf: kept)
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// The longest prefix of `text` that fits in `width` cells, with `…` when something was cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if self.width(of: text) <= width { return text }
        var output = ""
        var used = 0
        for character in text {
            let cells = self.width(of: character)
            if used + cells > width - 1 { break }
            output.append(character)
            used += cells
        }
        return output + "…"
    }

    /// `text` cut to `width` cells without an ellipsis, padded with spaces to exactly `width`.
    static func fitted(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        var output = ""
        var used = 0
        for character in text {
            let cells = self.width(of: character)
            if used + cells > width { break }
            output.append(character)
            used += cells
        }
        return output + String(repeating: " ", count: width - used)
    }

    /// `text` padded with spaces to `width` cells (never cut).
    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - self.width(of: text)))
    }

    /// Word-wraps `text` into lines of at most `width` cells; a word longer than a line is broken,
    /// never split inside a wide character. Line breaks in `text` start new lines.
    static func wrapped(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in words(of: paragraph) {
                let wordWidth = self.width(of: word)
                let isSpace = word.allSatisfy { $0 == " " }
                if lineWidth + wordWidth <= width {
                    line += word
                    lineWidth += wordWidth
                    continue
                }
                if isSpace {
                    // A line break swallows the spaces at it.
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                    continue
                }
                if lineWidth > 0 {
                    lines.append(trimmedTrailing(line))
                    line = ""
                    lineWidth = 0
                }
                for character in word {
                    let cells = self.width(of: character)
                    if lineWidth + cells > width, lineWidth > 0 {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(character)
                    lineWidth += cells
                }
            }
            lines.append(trimmedTrailing(line))
        }
        return lines
    }

    /// Alternating runs of spaces and non-spaces.
    private static func words(of text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var currentIsSpace = false
        for character in text {
            let isSpace = character == " "
            if !current.isEmpty, isSpace != currentIsSpace {
                words.append(current)
                current = ""
            }
            current.append(character)
            currentIsSpace = isSpace
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func trimmedTrailing(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // C0 and C1 controls, and the bidirectional overrides that can disguise text.
        return value < 0x20 || (0x7F..<0xA0).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    /// East Asian Wide and Fullwidth blocks (Unicode 15), the ones emoji properties do not cover.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B16F, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
