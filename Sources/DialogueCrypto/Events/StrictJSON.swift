/// A small, strict JSON reader and canonical writer for event plaintexts.
///
/// Foundation's parser silently keeps one of two duplicate keys, accepts trailing garbage in some
/// modes and reads numbers as doubles; a signed plaintext must have exactly one meaning, so this
/// parser refuses duplicate keys, trailing bytes, non-integer numbers, lone surrogates and depth
/// beyond a small limit. The writer sorts keys so the same value always gives the same bytes.
package indirect enum StrictJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([StrictJSON])
    case object([String: StrictJSON])

    package static let maxDepth = 8

    // MARK: Reading

    package static func parse(_ bytes: [UInt8]) throws(CryptoError) -> StrictJSON {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw Parser.failure("trailing bytes after JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        static func failure(_ message: String) -> CryptoError { CryptoError(.invalidPlaintext, message) }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws(CryptoError) -> StrictJSON {
            guard depth <= StrictJSON.maxDepth else { throw Self.failure("JSON nested too deeply") }
            guard index < bytes.count else { throw Self.failure("unexpected end of JSON") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default: return .integer(try integer())
            }
        }

        mutating func literal(_ word: String) throws(CryptoError) {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected
            else { throw Self.failure("invalid JSON literal") }
            index += expected.count
        }

        mutating func integer() throws(CryptoError) -> Int64 {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            let digits = index - digitsStart
            guard digits > 0, digits <= 18 else { throw Self.failure("invalid or oversized JSON number") }
            guard !(digits > 1 && bytes[digitsStart] == UInt8(ascii: "0")) else {
                throw Self.failure("leading zero in JSON number")
            }
            if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
                throw Self.failure("only integers are allowed")
            }
            guard let value = Int64(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw Self.failure("invalid JSON number")
            }
            return value
        }

        mutating func expect(_ char: UInt8) throws(CryptoError) {
            guard index < bytes.count, bytes[index] == char else { throw Self.failure("malformed JSON") }
            index += 1
        }

        mutating func array(depth: Int) throws(CryptoError) -> StrictJSON {
            try expect(UInt8(ascii: "["))
            var items: [StrictJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw Self.failure("unterminated JSON array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return .array(items)
            }
        }

        mutating func object(depth: Int) throws(CryptoError) -> StrictJSON {
            try expect(UInt8(ascii: "{"))
            var members: [String: StrictJSON] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                let key = try string()
                guard members[key] == nil else { throw Self.failure("duplicate JSON key \"\(key)\"") }
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                members[key] = try value(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw Self.failure("unterminated JSON object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return .object(members)
            }
        }

        mutating func hex4() throws(CryptoError) -> UInt32 {
            guard bytes.count - index >= 4 else { throw Self.failure("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let char = bytes[index]
                index += 1
                let digit: UInt32
                switch char {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(char - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(char - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(char - UInt8(ascii: "A") + 10)
                default: throw Self.failure("invalid \\u escape")
                }
                value = value << 4 | digit
            }
            return value
        }

        mutating func string() throws(CryptoError) -> String {
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while true {
                guard index < bytes.count else { throw Self.failure("unterminated JSON string") }
                let char = bytes[index]
                index += 1
                switch char {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else {
                        throw Self.failure("JSON string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw Self.failure("truncated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0c)
                    case UInt8(ascii: "n"): out.append(0x0a)
                    case UInt8(ascii: "r"): out.append(0x0d)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xd800...0xdbff).contains(scalar) {
                            try expect(UInt8(ascii: "\\"))
                            try expect(UInt8(ascii: "u"))
                            let low = try hex4()
                            guard (0xdc00...0xdfff).contains(low) else { throw Self.failure("lone surrogate") }
                            scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw Self.failure("lone surrogate") }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        throw Self.failure("invalid escape")
                    }
                default:
                    guard char >= 0x20 else { throw Self.failure("control character in JSON string") }
                    out.append(char)
                }
            }
        }
    }

    // MARK: Writing

    /// Canonical bytes: sorted keys, no whitespace, minimal escapes.
    package var encoded: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    private func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let value): out.append(contentsOf: Array((value ? "true" : "false").utf8))
        case .integer(let value): out.append(contentsOf: Array(String(value).utf8))
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (offset, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ value: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0a: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xf)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
