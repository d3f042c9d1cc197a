import Foundation

extension JSONValue: Codable {
    /// Decodes any JSON value; the order of attempts keeps `true` a Boolean and `1` an integer.
    ///
    /// Each failed attempt throws inside the decoder, which is not free: strings and objects,
    /// what requests are mostly made of, are tried first.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a JSON value")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// Parses one JSON text (every request line goes through here).
    ///
    /// Foundation's `JSONSerialization` parses (the same parser as `JSONDecoder`); its objects are
    /// then mapped onto the enum. Going through `Decodable` instead costs several thrown-and-caught
    /// type mismatches per value and was the largest part of a small call's time in the daemon.
    ///
    /// - Throws: `DecodingError` when `data` is not valid UTF-8 JSON.
    package init(parsing data: Data) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "Not valid JSON", underlyingError: error))
        }
        self = try JSONValue(foundationObject: object)
    }

    private init(foundationObject value: Any) throws {
        switch value {
        case is NSNull:
            self = .null
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            self = Self.number(number)
        case let array as [Any]:
            self = .array(try array.map { try JSONValue(foundationObject: $0) })
        case let object as [String: Any]:
            self = .object(try object.mapValues { try JSONValue(foundationObject: $0) })
        default:
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "Not a JSON value: \(type(of: value))"))
        }
    }

    /// Booleans stay Booleans; an integral number (also `3.0`) is an integer when it fits, as
    /// with the `Decodable` path; anything else is a double.
    private static func number(_ number: NSNumber) -> JSONValue {
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "c"), UInt8(ascii: "B"):
            return .bool(number.boolValue)
        case UInt8(ascii: "d"), UInt8(ascii: "f"):
            let value = number.doubleValue
            if value.rounded() == value, let integer = Int(exactly: value) { return .integer(integer) }
            return .double(value)
        case UInt8(ascii: "Q"), UInt8(ascii: "L"), UInt8(ascii: "I"), UInt8(ascii: "S"), UInt8(ascii: "C"):
            let value = number.uint64Value
            return Int(exactly: value).map(JSONValue.integer) ?? .double(Double(value))
        default:
            return .integer(Int(number.int64Value))
        }
    }

    /// Converts any `Encodable` value (a handler's result type) into a ``JSONValue``.
    ///
    /// - Throws: `EncodingError` when the value cannot be represented in JSON.
    package init(encoding value: some Encodable) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Decodes this value into a `Decodable` type (a handler's params type).
    ///
    /// - Throws: `DecodingError` naming the failing coding path; the router maps it to -32602.
    package func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(self.serialized().utf8))
    }
}
