import DialogueSchema

extension Schema {
    /// This schema as JSON Schema (the dialect OpenRPC documents use).
    package var jsonSchema: JSONValue {
        switch self {
        case .string(let values?): ["type": "string", "enum": .array(values.map { .string($0) })]
        case .string(nil): ["type": "string"]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .boolean: ["type": "boolean"]
        case .array(let element): ["type": "array", "items": element.jsonSchema]
        case .object(let properties):
            Self.objectSchema(properties)
        case .map(let value): ["type": "object", "additionalProperties": value.jsonSchema]
        case .oneOf(let schemas): ["oneOf": .array(schemas.map(\.jsonSchema))]
        case .any: .object([:])
        }
    }

    private static func objectSchema(_ properties: [SchemaProperty]) -> JSONValue {
        var object: [String: JSONValue] = [
            "type": "object",
            "properties": .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.schema.jsonSchema) })),
        ]
        let required = properties.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { object["required"] = .array(required) }
        return .object(object)
    }
}
