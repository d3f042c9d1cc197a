/// A JSON Schema small enough to describe every wire type, derived from the types themselves (see
/// ``SchemaReflector``) so a published document cannot drift from what the code sends.
package indirect enum Schema: Sendable, Hashable {
    /// A string; `values` lists the only accepted ones (an enum).
    case string(values: [String]? = nil)
    case integer
    case number
    case boolean
    case array(Schema)
    /// An object with these members, in declaration order.
    case object([SchemaProperty])
    /// An object whose members all have one schema (a dictionary).
    case map(Schema)
    /// Exactly one of these shapes.
    case oneOf([Schema])
    /// Any JSON value.
    case any
}
