import DialogueSchema
import Foundation

/// A JSON value written as Swift literals.
///
/// The OpenAPI document is built from these rather than from `[String: Any]` so that it is
/// `Sendable` (a plain `static let`), checked by the compiler, and serialized in one stable form.
enum OpenAPIValue: Sendable, Hashable {
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([OpenAPIValue])
    case object([String: OpenAPIValue])
    /// A JSON Schema, as `DialogueSchema` writes it.
    case schema(Schema)

    /// The members of an object; empty for anything else.
    var members: [String: OpenAPIValue] {
        if case .object(let members) = self { return members }
        return [:]
    }

    /// This object with `other`'s members added (they win on a clash); other values unchanged.
    func merging(_ other: [String: OpenAPIValue]) -> OpenAPIValue {
        guard case .object(let members) = self else { return self }
        return .object(members.merging(other) { _, new in new })
    }

    /// Sorted keys and unescaped slashes, so `$ref`s read as written and the output is stable.
    func serialized() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension OpenAPIValue: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .schema(let value): try container.encode(value)
        }
    }
}

extension OpenAPIValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension OpenAPIValue: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(arrayLiteral elements: OpenAPIValue...) { self = .array(elements) }

    init(dictionaryLiteral elements: (String, OpenAPIValue)...) {
        self = .object(Dictionary(elements) { _, last in last })
    }
}
