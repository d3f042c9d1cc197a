/// A schema encodes as JSON Schema (2020-12, the dialect of OpenAPI 3.1; OpenRPC reads it too),
/// so every document that publishes schemas writes them one way.
extension Schema: Encodable {
    /// Where ``Schema/reference(_:)`` points: a ``SchemaCatalog`` is published as an OpenAPI
    /// document's `components.schemas`.
    package static func referencePath(_ name: String) -> String { "#/components/schemas/\(name)" }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONSchemaKey.self)
        try encodeKeywords(into: &container)
    }

    private func encodeKeywords(into container: inout KeyedEncodingContainer<JSONSchemaKey>) throws {
        switch self {
        case .string(let values):
            try container.encode("string", forKey: "type")
            try container.encodeIfPresent(values, forKey: "enum")
        case .integer: try container.encode("integer", forKey: "type")
        case .number: try container.encode("number", forKey: "type")
        case .boolean: try container.encode("boolean", forKey: "type")
        case .constant(let value):
            try container.encode("boolean", forKey: "type")
            try container.encode(value, forKey: "const")
        case .array(let element):
            try container.encode("array", forKey: "type")
            try container.encode(element, forKey: "items")
        case .object(let properties):
            try container.encode("object", forKey: "type")
            var members = container.nestedContainer(keyedBy: JSONSchemaKey.self, forKey: "properties")
            for property in properties { try members.encode(property.schema, forKey: JSONSchemaKey(property.name)) }
            let required = properties.filter(\.required).map(\.name)
            if !required.isEmpty { try container.encode(required, forKey: "required") }
        case .map(let value):
            try container.encode("object", forKey: "type")
            try container.encode(value, forKey: "additionalProperties")
        case .oneOf(let schemas): try container.encode(schemas, forKey: "oneOf")
        case .tagged(let key, let cases): try Self.encodeTagged(key, cases, into: &container)
        case .reference(let name): try container.encode(Self.referencePath(name), forKey: "$ref")
        case .annotated(let schema, let annotations):
            try schema.encodeKeywords(into: &container)
            try container.encodeIfPresent(annotations.description, forKey: "description")
            try container.encodeIfPresent(annotations.format, forKey: "format")
            try container.encodeIfPresent(annotations.pattern, forKey: "pattern")
            try container.encodeIfPresent(annotations.contentEncoding, forKey: "contentEncoding")
            try container.encodeIfPresent(annotations.minimum, forKey: "minimum")
            try container.encodeIfPresent(annotations.examples, forKey: "examples")
        case .any: break
        }
    }

    /// `oneOf` the cases in tag order, and OpenAPI's `discriminator` when every case is a
    /// component (its `mapping` can only name components).
    private static func encodeTagged(
        _ key: String,
        _ cases: [String: Schema],
        into container: inout KeyedEncodingContainer<JSONSchemaKey>
    ) throws {
        try container.encode(cases.sorted { $0.key < $1.key }.map(\.value), forKey: "oneOf")
        var mapping: [String: String] = [:]
        for (tag, schema) in cases {
            guard case .reference(let name) = schema else { return }
            mapping[tag] = referencePath(name)
        }
        var discriminator = container.nestedContainer(keyedBy: JSONSchemaKey.self, forKey: "discriminator")
        try discriminator.encode(key, forKey: "propertyName")
        try discriminator.encode(mapping, forKey: "mapping")
    }
}
