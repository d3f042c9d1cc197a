import DialogueRPC
import DialogueSchema
import Testing

@Suite("Schemas read off Codable types")
struct SchemaReflectorTests {
    struct Inner: Codable {
        var tags: [String]
        var score: Double?
    }

    enum Colour: String, Codable, CaseIterable, SchemaDescribing {
        case red, green
    }

    struct Outer: Codable {
        var name: String
        var count: Int
        var flag: Bool?
        var inner: Inner
        var list: [Inner]
        var byName: [String: Int]
        var colour: Colour
    }

    /// A type whose decoding rejects the placeholder values the reflector offers.
    struct Picky: Decodable {
        var id: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            guard !id.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: "empty id")
            }
        }

        enum CodingKeys: String, CodingKey {
            case id
        }
    }

    @Test("members, optionals, nesting, arrays, maps and string enums")
    func structure() throws {
        let inner = Schema.object([
            SchemaProperty("tags", .array(.string()), required: true),
            SchemaProperty("score", .number, required: false),
        ])
        #expect(
            try SchemaReflector.schema(of: Outer.self)
                == .object([
                    SchemaProperty("name", .string(), required: true),
                    SchemaProperty("count", .integer, required: true),
                    SchemaProperty("flag", .boolean, required: false),
                    SchemaProperty("inner", inner, required: true),
                    SchemaProperty("list", .array(inner), required: true),
                    SchemaProperty("byName", .map(.integer), required: true),
                    SchemaProperty("colour", .string(values: ["red", "green"]), required: true),
                ]))
    }

    @Test("top-level scalars, optionals and arrays")
    func topLevel() throws {
        #expect(try SchemaReflector.schema(of: String.self) == .string())
        #expect(try SchemaReflector.schema(of: Int?.self) == .integer)
        #expect(try SchemaReflector.schema(of: [Bool].self) == .array(.boolean))
        #expect(try SchemaReflector.schema(of: EmptyResult.self) == .object([]))
        #expect(try SchemaReflector.schema(of: JSONValue.self) == .any)
    }

    @Test("a type that rejects the placeholders says so instead of yielding a wrong schema")
    func rejectingTypeThrows() {
        #expect(throws: DecodingError.self) { try SchemaReflector.schema(of: Picky.self) }
    }

    @Test("JSON Schema output")
    func jsonSchema() {
        #expect(Schema.map(.string()).jsonSchema == ["type": "object", "additionalProperties": ["type": "string"]])
        #expect(
            Schema.object([SchemaProperty("a", .integer, required: false)]).jsonSchema
                == ["type": "object", "properties": ["a": ["type": "integer"]]])
        #expect(Schema.oneOf([.boolean, .any]).jsonSchema == ["oneOf": [["type": "boolean"], [:]]])
    }
}
