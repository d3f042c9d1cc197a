/// One member of an object schema.
package struct SchemaProperty: Sendable, Hashable {
    package var name: String
    package var schema: Schema
    /// Whether the member is always present; an optional one may be missing.
    package var required: Bool

    package init(_ name: String, _ schema: Schema, required: Bool) {
        self.name = name
        self.schema = schema
        self.required = required
    }
}
