import DialogueSchema

extension Schema {
    /// This schema as JSON Schema (the dialect OpenRPC documents use), as `DialogueSchema` encodes it.
    package var jsonSchema: JSONValue {
        // Encoding a schema cannot fail: it holds only strings, integers and booleans.
        (try? JSONValue(encoding: self)) ?? [:]
    }
}
