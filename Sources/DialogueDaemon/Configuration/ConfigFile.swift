/// A strict parser for the small TOML subset `config.toml` needs.
///
/// Accepted: blank lines, `#` comments, `[section]` headers, and `key = value` lines whose value is
/// a basic string (`"..."` with `\" \\ \n \t \r` and `\u` plus four hex digits as escapes), a decimal integer or `true` /
/// `false`. Keys and section names are bare (`A-Z a-z 0-9 _ -`). Anything else — arrays, tables
/// inline, dotted keys, multi-line strings, a repeated key or section — is refused with the line
/// number, because a setting silently misread is worse than a daemon that does not start.
package struct ConfigFile: Equatable, Sendable {
    /// One `key = value` line.
    package struct Entry: Equatable, Sendable {
        /// The section the key is in; `nil` for keys before the first header.
        package var section: String?
        package var key: String
        package var value: ConfigValue
        /// The 1-based line of the entry, for errors found later (wrong type, unknown key).
        package var line: Int
    }

    /// Every entry, in file order.
    package var entries: [Entry]

    /// Parses `text`.
    /// - Parameter text: The whole file.
    /// - Throws: ``ConfigurationError`` naming the first offending line.
    package init(parsing text: String) throws(ConfigurationError) {
        var entries: [Entry] = []
        var section: String?
        var seenSections: Set<String> = []
        var seenKeys: Set<String> = []
        // "\r\n" is one Character in Swift, so it has to be named as a separator of its own.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            var scanner = LineScanner(Array(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine), line: number)
            scanner.skipSpaces()
            if scanner.atEndOrComment { continue }
            if scanner.peek == "[" {
                scanner.advance()
                scanner.skipSpaces()
                let name = try scanner.bareKey(what: "a section name")
                scanner.skipSpaces()
                try scanner.expect("]", "a section header must end with ]")
                try scanner.expectLineEnd()
                guard seenSections.insert(name).inserted else {
                    throw ConfigurationError(line: number, "line \(number): section [\(name)] appears twice")
                }
                section = name
                continue
            }
            let key = try scanner.bareKey(what: "a key")
            scanner.skipSpaces()
            if scanner.peek == "." {
                throw ConfigurationError(line: number, "line \(number): dotted keys are not supported")
            }
            try scanner.expect("=", "expected = after the key \(key)")
            scanner.skipSpaces()
            let value = try scanner.value()
            try scanner.expectLineEnd()
            let qualified = section.map { "\($0).\(key)" } ?? key
            guard seenKeys.insert(qualified).inserted else {
                throw ConfigurationError(line: number, "line \(number): the key \(qualified) is set twice")
            }
            entries.append(Entry(section: section, key: key, value: value, line: number))
        }
        self.entries = entries
    }
}

/// Reads one line character by character; every failure names the line.
private struct LineScanner {
    private let characters: [Character]
    private var position = 0
    private let line: Int

    init(_ characters: [Character], line: Int) {
        self.characters = characters
        self.line = line
    }

    var peek: Character? { position < characters.count ? characters[position] : nil }
    var atEndOrComment: Bool { peek == nil || peek == "#" }

    mutating func advance() { position += 1 }

    mutating func skipSpaces() {
        while let character = peek, character == " " || character == "\t" { advance() }
    }

    func failure(_ message: String) -> ConfigurationError {
        ConfigurationError(line: line, "line \(line): \(message)")
    }

    mutating func expect(_ character: Character, _ message: String) throws(ConfigurationError) {
        guard peek == character else { throw failure(message) }
        advance()
    }

    /// Only spaces and a comment may follow a value or a header.
    mutating func expectLineEnd() throws(ConfigurationError) {
        skipSpaces()
        guard atEndOrComment else {
            throw failure("unexpected text after the value: \(String(characters[position...]))")
        }
    }

    mutating func bareKey(what: String) throws(ConfigurationError) -> String {
        var key = ""
        while let character = peek, character.isASCII,
            character.isLetter || character.isNumber || character == "_"
                || character == "-"
        {
            key.append(character)
            advance()
        }
        guard !key.isEmpty else {
            if peek == "\"" { throw failure("quoted keys are not supported") }
            throw failure("expected \(what), found \(peek.map { "\"\($0)\"" } ?? "the end of the line")")
        }
        return key
    }

    mutating func value() throws(ConfigurationError) -> ConfigValue {
        switch peek {
        case "\"":
            return .string(try basicString())
        case "'":
            throw failure("literal strings ('...') are not supported: use \"...\"")
        case "[", "{":
            throw failure("arrays and inline tables are not supported")
        case nil:
            throw failure("expected a value after =")
        default:
            var word = ""
            while let character = peek, character != " ", character != "\t", character != "#" {
                word.append(character)
                advance()
            }
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            if let integer = Int(word), word.first != "+" { return .integer(integer) }
            throw failure("\(word) is not a string, an integer or true/false (strings need double quotes)")
        }
    }

    private mutating func basicString() throws(ConfigurationError) -> String {
        advance()  // opening quote
        if peek == "\"", position + 1 < characters.count, characters[position + 1] == "\"" {
            throw failure("multi-line strings are not supported")
        }
        var result = ""
        while let character = peek {
            advance()
            switch character {
            case "\"":
                return result
            case "\\":
                guard let escaped = peek else { break }
                advance()
                switch escaped {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "u": result.unicodeScalars.append(try unicodeEscape())
                default: throw failure("unknown escape \\\(escaped) in a string")
                }
            default:
                if let scalar = character.unicodeScalars.first, scalar.value < 0x20, character != "\t" {
                    throw failure("control characters must be escaped in a string")
                }
                result.append(character)
            }
        }
        throw failure("the string is not closed with \"")
    }

    private mutating func unicodeEscape() throws(ConfigurationError) -> Unicode.Scalar {
        var hex = ""
        for _ in 0..<4 {
            guard let character = peek, character.isHexDigit else { throw failure("\\u needs four hex digits") }
            hex.append(character)
            advance()
        }
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw failure("\\u\(hex) is not a Unicode scalar")
        }
        return scalar
    }
}
