/// Compact serialization written by hand so the wire output is deterministic and fast.
///
/// Object members are written in sorted key order, so the same value always gives the same
/// bytes (useful for golden tests and for people reading `socat` output). The output never contains
/// a raw newline, which the line framing of the socket relies on. It is built as UTF-8 bytes:
/// string contents that need no escaping (nearly all of them) are copied whole.
extension JSONValue {
    /// The compact JSON text of this value, with sorted object keys and no raw newline.
    package func serialized() -> String {
        String(decoding: self.serializedBytes(), as: UTF8.self)
    }

    /// ``serialized()`` as UTF-8 bytes, what the socket writes.
    package func serializedBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        self.write(into: &output)
        return output
    }

    /// Appends the compact JSON text of this value to `output`.
    package func write(into output: inout [UInt8]) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value):
            output.append(contentsOf: String(value).utf8)
        case .double(let value):
            Self.writeNumber(value, into: &output)
        case .string(let value):
            Self.writeString(value, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// JSON has no NaN or infinity; they become `null` rather than invalid output.
    private static func writeNumber(_ value: Double, into output: inout [UInt8]) {
        guard value.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            output.append(contentsOf: String(Int(value)).utf8)
            output.append(contentsOf: ".0".utf8)
        } else {
            output.append(contentsOf: "\(value)".utf8)
        }
    }

    private static func writeString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            if !utf8.contains(where: Self.mayNeedEscaping) {
                output.append(contentsOf: utf8)
            } else {
                Self.writeEscaped(utf8, into: &output)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Quotes, backslashes, control characters, and the lead byte of U+2028/U+2029 (which
    /// JavaScript does not allow raw in string literals).
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }

    private static func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            case 0xE2
            where index + 2 < utf8.count && utf8[index + 1] == 0x80
                && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                output.append(contentsOf: (utf8[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                index += 2
            default:
                output.append(byte)
            }
            index += 1
        }
    }
}
