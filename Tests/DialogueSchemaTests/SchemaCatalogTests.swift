import DialogueSchema
import Foundation
import Testing

/// A catalog names every struct and string enum it meets, refers to them by reference, keeps a
/// type's refinements, reflects a tagged union per tag, and reports what it cannot do.
@Suite struct SchemaCatalogTests {
    /// Coded as a number by its own conformance; the wire (say) writes it otherwise.
    struct Stamp: Decodable {
        var seconds: Double

        init(from decoder: any Decoder) throws { seconds = try decoder.singleValueContainer().decode(Double.self) }
    }

    enum Mood: String, Codable, CaseIterable, SchemaDescribing, SchemaComponent {
        case calm, busy
        static let schemaDescription: String? = "How the owner feels."
    }

    struct Owner: Decodable {
        var name: String
        var mood: Mood
    }

    struct Pet: Decodable, SchemaComponent {
        var id: String
        var age: Int
        var owner: Owner?
        var friends: [Owner]
        var born: Stamp

        static let schemaDescription: String? = "A pet."
        static let memberRefinements: [String: SchemaRefinement] = [
            "id": SchemaRefinement(.reference("PetId"), "Chosen by the shelter."),
            "age": .minimum(0, "Whole years."),
        ]
    }

    enum Frame: SchemaTaggedUnion {
        case ping(count: Int)
        case pet(Pet)

        private enum CodingKeys: String, CodingKey {
            case kind, count, pet
        }

        static let schemaDescription: String? = "One frame."
        static let tagKey = "kind"
        static let tags = [
            SchemaTag("ping", name: "PingFrame", "A ping."), SchemaTag("pet", name: "PetFrame", "A pet."),
        ]
        static let memberRefinements: [String: SchemaRefinement] = ["count": .minimum(1)]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .kind) {
            case "ping": self = .ping(count: try container.decode(Int.self, forKey: .count))
            case "pet": self = .pet(try container.decode(Pet.self, forKey: .pet))
            default: throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "kind")
            }
        }
    }

    /// Refines a member it does not have.
    struct Stale: Decodable, SchemaComponent {
        var name: String
        static let memberRefinements: [String: SchemaRefinement] = ["nmae": "A typo."]
    }

    static func catalog() -> SchemaCatalog {
        let catalog = SchemaCatalog()
        catalog.define(Stamp.self, as: "Stamp", Schema.string().annotated(SchemaAnnotations(format: "date-time")))
        catalog.define("PetId", Schema.string().annotated(SchemaAnnotations(pattern: "^[a-z]+$")))
        return catalog
    }

    @Test func namesNestedTypesAndRefersToThem() {
        let catalog = Self.catalog()
        #expect(catalog.add(Pet.self) == .reference("SchemaCatalogTestsPet"))
        #expect(catalog.problems.isEmpty)
        #expect(
            catalog.schemas["SchemaCatalogTestsPet"]
                == Schema.object([
                    SchemaProperty("id", Schema.reference("PetId").annotated("Chosen by the shelter."), required: true),
                    SchemaProperty(
                        "age", Schema.integer.annotated(SchemaAnnotations("Whole years.", minimum: 0)), required: true),
                    SchemaProperty("owner", .reference("SchemaCatalogTestsOwner"), required: false),
                    SchemaProperty("friends", .array(.reference("SchemaCatalogTestsOwner")), required: true),
                    SchemaProperty("born", .reference("Stamp"), required: true),
                ]).annotated("A pet."))
        #expect(
            catalog.schemas["SchemaCatalogTestsOwner"]
                == .object([
                    SchemaProperty("name", .string(), required: true),
                    SchemaProperty("mood", .reference("SchemaCatalogTestsMood"), required: true),
                ]))
        #expect(
            catalog.schemas["SchemaCatalogTestsMood"]
                == Schema.string(values: ["calm", "busy"]).annotated("How the owner feels."))
        #expect(
            Set(catalog.schemas.keys) == [
                "SchemaCatalogTestsPet", "SchemaCatalogTestsOwner", "SchemaCatalogTestsMood", "Stamp", "PetId",
            ])
    }

    @Test func reflectsATaggedUnionPerTag() {
        let catalog = Self.catalog()
        #expect(catalog.add(Frame.self) == .reference("SchemaCatalogTestsFrame"))
        #expect(catalog.problems.isEmpty)
        #expect(
            catalog.schemas["SchemaCatalogTestsFrame"]
                == Schema.tagged(key: "kind", ["ping": .reference("PingFrame"), "pet": .reference("PetFrame")])
                .annotated("One frame."))
        #expect(
            catalog.schemas["PingFrame"]
                == Schema.object([
                    SchemaProperty("kind", .string(values: ["ping"]), required: true),
                    SchemaProperty("count", Schema.integer.annotated(SchemaAnnotations(minimum: 1)), required: true),
                ]).annotated("A ping."))
        #expect(catalog.schemas["SchemaCatalogTestsPet"] != nil, "a type inside a case is a component too")
    }

    @Test func reportsWhatItCannotDo() {
        let catalog = Self.catalog()
        catalog.add(Stale.self)
        #expect(catalog.problems.count == 1)
        catalog.define("SchemaCatalogTestsStale", .boolean)
        #expect(catalog.problems.count == 2, "a second owner of a name")
    }

    /// The JSON Schema a catalog's schemas encode as; references point into OpenAPI's components.
    @Test func encodesAsJSONSchema() throws {
        let catalog = Self.catalog()
        catalog.add(Frame.self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func text(_ schema: Schema?) throws -> String { String(decoding: try encoder.encode(schema), as: UTF8.self) }
        let frame = try text(catalog.schemas["SchemaCatalogTestsFrame"])
        let frameJSON =
            ##"{"description":"One frame.","discriminator":{"mapping":{"pet":"#/components/schemas/PetFrame","##
            + ##""ping":"#/components/schemas/PingFrame"},"propertyName":"kind"},"oneOf":[{"$ref":"##
            + ##""#/components/schemas/PetFrame"},{"$ref":"#/components/schemas/PingFrame"}]}"##
        #expect(frame == frameJSON)
        let ping = try text(catalog.schemas["PingFrame"])
        let pingJSON =
            ##"{"description":"A ping.","properties":{"count":{"minimum":1,"type":"integer"},"##
            + ##""kind":{"enum":["ping"],"type":"string"}},"required":["kind","count"],"type":"object"}"##
        #expect(ping == pingJSON)
        #expect(try text(.constant(true)) == ##"{"const":true,"type":"boolean"}"##)
    }
}
