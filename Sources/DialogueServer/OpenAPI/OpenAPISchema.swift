/// Small constructors for the JSON Schema (2020-12, as OpenAPI 3.1 uses it) fragments the
/// document repeats, so each wire type reads as its Swift declaration does.
enum OpenAPISchema {
    /// A reference to `#/components/schemas/<name>`, with a description of this use of it.
    static func ref(_ name: String, _ description: String? = nil) -> OpenAPIValue {
        described(["$ref": .string("#/components/schemas/\(name)")], description)
    }

    static func string(_ description: String? = nil) -> OpenAPIValue {
        described(["type": "string"], description)
    }

    /// A `Bool`; `true` or `false` only.
    static func boolean(_ description: String? = nil) -> OpenAPIValue {
        described(["type": "boolean"], description)
    }

    /// A Swift `Int` (64-bit on every platform the server runs on).
    static func integer(_ description: String? = nil, minimum: Int? = nil) -> OpenAPIValue {
        var schema: [String: OpenAPIValue] = ["type": "integer", "format": "int64"]
        if let minimum { schema["minimum"] = .int(minimum) }
        return described(.object(schema), description)
    }

    /// A Swift `Date`: an RFC 3339 UTC string with milliseconds.
    static func timestamp(_ description: String? = nil) -> OpenAPIValue { ref("Timestamp", description) }

    /// A Swift `Bytes`: base64url without padding.
    static func bytes(_ description: String? = nil) -> OpenAPIValue { ref("Bytes", description) }

    /// An id a client generates and the server checks (8 to 64 of `[A-Za-z0-9_-]`).
    static func clientId(_ description: String? = nil) -> OpenAPIValue { ref("ClientId", description) }

    /// An id the server assigns (32 lowercase hex digits), or another party's id.
    static func serverId(_ description: String? = nil) -> OpenAPIValue { ref("ServerId", description) }

    static func array(_ items: OpenAPIValue, _ description: String? = nil) -> OpenAPIValue {
        described(["type": "array", "items": items], description)
    }

    /// A string enum's raw values, taken from the Swift enum so that they cannot drift.
    static func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ description: String) -> OpenAPIValue
    where T.RawValue == String {
        described(["type": "string", "enum": .array(type.allCases.map { .string($0.rawValue) })], description)
    }

    /// The one value a property always has (`success`, a frame's `op`).
    static func constant(_ value: OpenAPIValue, _ description: String? = nil) -> OpenAPIValue {
        let type: OpenAPIValue = if case .bool = value { "boolean" } else { "string" }
        return described(["type": type, "const": value], description)
    }

    /// A Codable struct: `required` holds its non-optional properties, `optional` the optional
    /// ones, which the wire encoder omits when they are `nil` (it never writes `null`).
    static func object(
        _ description: String,
        required: [String: OpenAPIValue],
        optional: [String: OpenAPIValue] = [:]
    ) -> OpenAPIValue {
        var schema: [String: OpenAPIValue] = [
            "type": "object",
            "description": .string(description),
            "properties": .object(required.merging(optional) { first, _ in first }),
        ]
        if !required.isEmpty { schema["required"] = .array(required.keys.sorted().map { .string($0) }) }
        return .object(schema)
    }

    /// `{success: true, ...}`: the envelope of every successful JSON answer.
    static func response(
        _ description: String,
        required: [String: OpenAPIValue],
        optional: [String: OpenAPIValue] = [:]
    ) -> OpenAPIValue {
        object(
            description,
            required: required.merging(["success": constant(true, "Always `true` on success.")]) { first, _ in first },
            optional: optional
        )
    }

    /// One of several frame shapes, told apart by their `op` property.
    static func frames(_ description: String, _ mapping: [String: String]) -> OpenAPIValue {
        [
            "description": .string(description),
            "oneOf": .array(mapping.values.sorted().map { ref($0) }),
            "discriminator": [
                "propertyName": "op",
                "mapping": .object(mapping.mapValues { .string("#/components/schemas/\($0)") }),
            ],
        ]
    }

    private static func described(_ schema: OpenAPIValue, _ description: String?) -> OpenAPIValue {
        guard let description else { return schema }
        return schema.merging(["description": .string(description)])
    }
}
