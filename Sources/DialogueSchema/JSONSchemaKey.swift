/// A JSON Schema keyword or a member name, as a coding key: the keys of a schema object are
/// known only at run time.
struct JSONSchemaKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
    init(stringLiteral name: String) { self.init(name) }
}
