/// A type whose schema cannot be read off its `Decodable` conformance: a string enum (whose
/// reflection would need a valid case), a dynamic JSON value, or a union decoded by hand.
package protocol SchemaDescribing {
    static var schema: Schema { get }
    /// Any valid value, returned where the reflector has to produce one.
    static var schemaPlaceholder: Self { get }
}

extension SchemaDescribing where Self: CaseIterable & RawRepresentable, RawValue == String {
    package static var schema: Schema { .string(values: allCases.map(\.rawValue)) }
    package static var schemaPlaceholder: Self { allCases.first! }
}
