/// A JSON-RPC request id: a string or an integer, echoed back exactly as the client sent it.
///
/// JSON-RPC 2.0 also allows fractional numbers and `null`, but discourages both; a request with
/// such an id is answered with -32600 (see ``RPCMessage/init(json:)``) so replies can always be
/// matched. A response whose id could not be determined carries `null`, modelled as an optional
/// ``RequestID`` in ``RPCResponse``.
package enum RequestID: Sendable, Hashable {
    case string(String)
    case number(Int)
}

extension RequestID {
    /// The id as it appears on the wire.
    package var json: JSONValue {
        switch self {
        case .string(let value): return .string(value)
        case .number(let value): return .integer(value)
        }
    }

    /// Reads an id from its wire form; `nil` for anything but a string or an integer.
    package init?(json: JSONValue) {
        switch json {
        case .string(let value): self = .string(value)
        case .integer(let value): self = .number(value)
        default: return nil
        }
    }
}

extension RequestID: CustomStringConvertible {
    package var description: String {
        switch self {
        case .string(let value): return value
        case .number(let value): return String(value)
        }
    }
}

extension RequestID: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    package init(integerLiteral value: Int) { self = .number(value) }
    package init(stringLiteral value: String) { self = .string(value) }
}

extension RequestID: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .number(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        }
    }
}
