/// A JSON Schema small enough to describe every wire type, derived from the types themselves (see
/// ``SchemaReflector``) so a published document cannot drift from what the code sends.
package indirect enum Schema: Sendable, Hashable {
    /// A string; `values` lists the only accepted ones (an enum).
    case string(values: [String]? = nil)
    case integer
    case number
    case boolean
    /// A `Bool` that always has this value (the `success` of an answer).
    case constant(Bool)
    case array(Schema)
    /// An object with these members, in declaration order.
    case object([SchemaProperty])
    /// An object whose members all have one schema (a dictionary).
    case map(Schema)
    /// Exactly one of these shapes.
    case oneOf([Schema])
    /// Exactly one of these objects, told apart by the string member `key`: each value it takes
    /// and the object that goes with it (a frame and its `op`).
    case tagged(key: String, [String: Schema])
    /// A named schema of a ``SchemaCatalog``, which a document lists once under that name.
    case reference(String)
    /// `schema` with keywords that narrow or explain it.
    case annotated(Schema, SchemaAnnotations)
    /// Any JSON value.
    case any
}

extension Schema {
    /// This schema with `annotations` added (an annotated schema keeps its earlier ones unless
    /// `annotations` sets the same keyword).
    package func annotated(_ annotations: SchemaAnnotations) -> Schema {
        guard annotations != SchemaAnnotations() else { return self }
        if case .annotated(let base, let earlier) = self { return .annotated(base, earlier.merging(annotations)) }
        return .annotated(self, annotations)
    }
}
