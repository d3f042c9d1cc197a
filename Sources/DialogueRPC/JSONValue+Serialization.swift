/// Compact serialization written by hand so the wire output is deterministic and fast.
///
/// Object members are written in sorted key order, so the same value always gives the same
/// bytes (useful for golden tests and for people reading `socat` output). The output never contains
/// a raw newline, which the line framing of the socket relies on.
extension JSONValue {
    /// The compact JSON text of this value, with sorted object keys and no raw newline.
    package func serialized() -> String {
        var output = ""
        self.write(into: &output)
        return output
    }

    /// Appends the compact JSON text of this value to `output`.
    package func write(into output: inout String) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .integer(let value):
            output += String(value)
        case .double(let value):
            Self.writeNumber(value, into: &output)
        case .string(let value):
            Self.writeString(value, into: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, into: &output)
                output += ":"
                members[key, default: .null].write(into: &output)
            }
            output += "}"
        }
    }

    /// JSON has no NaN or infinity; they become `null` rather than invalid output.
    private static func writeNumber(_ value: Double, into output: inout String) {
        guard value.isFinite else {
            output += "null"
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            output += String(Int(value))
            output += ".0"
        } else {
            output += "\(value)"
        }
    }

    private static func writeString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
