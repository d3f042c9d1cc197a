/// What a type says about one of its members beyond what reflection reads off it: a schema that
/// replaces the reflected one (an id's named format for a Swift `String`, the only strings a member
/// accepts) and annotations for it.
///
/// A string literal is a description of the reflected schema.
package struct SchemaRefinement: Sendable, ExpressibleByStringLiteral {
    /// The member's schema instead of the reflected one; `nil` keeps the reflected one.
    package var schema: Schema?
    package var annotations: SchemaAnnotations

    package init(_ schema: Schema? = nil, _ annotations: SchemaAnnotations = SchemaAnnotations()) {
        self.schema = schema
        self.annotations = annotations
    }

    package init(stringLiteral description: String) { self.init(nil, SchemaAnnotations(description)) }

    /// The reflected schema with a lower bound, and a description if given.
    package static func minimum(_ minimum: Int, _ description: String? = nil) -> SchemaRefinement {
        SchemaRefinement(nil, SchemaAnnotations(description, minimum: minimum))
    }

    /// An array whose elements are `element` (a list of ids), described as a whole.
    package static func array(of element: Schema, _ description: String? = nil) -> SchemaRefinement {
        SchemaRefinement(.array(element), SchemaAnnotations(description))
    }

    /// The member as `reflected` refined: replaced where ``schema`` is set, then annotated. An
    /// optional member's reflected schema is its wrapped one, so the replacement is too.
    package func refine(_ reflected: Schema) -> Schema {
        (schema ?? reflected).annotated(annotations)
    }
}
