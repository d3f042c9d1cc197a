/// A string-keyed dictionary is a map: its keys are data, not members, so reflection (which sees
/// no keys) would call it an empty object.
extension Dictionary: SchemaDescribing where Key == String, Value: Decodable {
    package static var schema: Schema { .map(SchemaReflector.schemaOrAny(of: Value.self)) }
    package static var schemaPlaceholder: Self { [:] }
}
