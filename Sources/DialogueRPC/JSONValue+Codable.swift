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
    /// Parses one JSON text (every request line goes through here) with ``JSONParser``.
    ///
    /// - Throws: `DecodingError` when `data` is not valid UTF-8 JSON.
    package init(parsing data: Data) throws {
        let parsed = data.withUnsafeBytes { bytes in
            Result { () throws(JSONParser.Failure) -> JSONValue in try JSONParser.parse(bytes) }
        }
        switch parsed {
        case .success(let value):
            self = value
        case .failure(let failure):
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [], debugDescription: "Not valid JSON: \(failure)", underlyingError: failure))
        }
    }

    /// Converts any `Encodable` value (a handler's result type) into a ``JSONValue``, directly
    /// (see ``JSONValueEncoder``).
    ///
    /// - Throws: `EncodingError` when the value cannot be represented in JSON.
    package init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }

    /// Decodes this value into a `Decodable` type (a handler's params type).
    ///
    /// - Throws: `DecodingError` naming the failing coding path; the router maps it to -32602.
    package func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(self.serialized().utf8))
    }
}
