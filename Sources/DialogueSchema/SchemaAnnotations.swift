/// The JSON Schema keywords that narrow or explain a schema without changing its shape: what a
/// client needs beyond the Swift type (an id's pattern, a date's format, why a member is there).
///
/// A string literal is a description alone.
package struct SchemaAnnotations: Sendable, Hashable, ExpressibleByStringLiteral {
    package var description: String?
    /// `date-time` and the like.
    package var format: String?
    /// An ECMA 262 regular expression every value matches.
    package var pattern: String?
    /// How a string carries binary data (`base64url`).
    package var contentEncoding: String?
    /// The least value a number may have.
    package var minimum: Int?
    package var examples: [String]?

    package init(
        _ description: String? = nil,
        format: String? = nil,
        pattern: String? = nil,
        contentEncoding: String? = nil,
        minimum: Int? = nil,
        examples: [String]? = nil
    ) {
        self.description = description
        self.format = format
        self.pattern = pattern
        self.contentEncoding = contentEncoding
        self.minimum = minimum
        self.examples = examples
    }

    package init(stringLiteral description: String) { self.init(description) }

    /// These annotations with every keyword `other` sets replaced by its value.
    package func merging(_ other: SchemaAnnotations) -> SchemaAnnotations {
        SchemaAnnotations(
            other.description ?? description,
            format: other.format ?? format,
            pattern: other.pattern ?? pattern,
            contentEncoding: other.contentEncoding ?? contentEncoding,
            minimum: other.minimum ?? minimum,
            examples: other.examples ?? examples
        )
    }
}
