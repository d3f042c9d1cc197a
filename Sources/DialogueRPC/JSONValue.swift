/// Any JSON value, kept exactly as it arrived so params, results and ids survive a round trip.
///
/// The daemon never needs a dynamic `Any`: every JSON-RPC field that the transport does not
/// interpret itself (`params`, `result`, `error.data`) travels as a ``JSONValue``, and handlers
/// decode it into their own `Codable` types (see ``JSONValue/decode(_:)``).
///
/// Integers and floating-point numbers are separate cases so that an integer id or count is never
/// rewritten as `1.0`. Foundation's decoder does not say how a number was written, so an integral
/// number written with a fraction (`3.0`) is read as ``integer(_:)``; ``integerValue`` accepts both.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue {
    /// The member `key` of an object, or `nil` for a missing key or a non-object.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The string, or `nil` when this is not a string.
    package var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// The integer, or `nil` when this is not an integral number.
    package var integerValue: Int? {
        switch self {
        case .integer(let value): return value
        case .double(let value): return Int(exactly: value)
        default: return nil
        }
    }

    /// The Boolean, or `nil` when this is not `true` or `false`.
    package var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The elements, or `nil` when this is not an array.
    package var arrayValue: [JSONValue]? {
        guard case .array(let value) = self else { return nil }
        return value
    }

    /// The members, or `nil` when this is not an object.
    package var objectValue: [String: JSONValue]? {
        guard case .object(let value) = self else { return nil }
        return value
    }

    /// Whether this is JSON `null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
