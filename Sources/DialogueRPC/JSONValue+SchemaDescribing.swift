import DialogueSchema

/// A raw JSON value (the OpenRPC document itself) is any JSON.
extension JSONValue: SchemaDescribing {
    package static var schema: Schema { .any }
    package static var schemaPlaceholder: JSONValue { .null }
}
