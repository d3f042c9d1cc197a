/// Derives a ``Schema`` from a `Decodable` type by decoding one value through a recording decoder:
/// `decode` marks a required member, `decodeIfPresent` an optional one, an array decodes one
/// element. Types with hand-written decoding that this cannot follow adopt ``SchemaDescribing``.
package enum SchemaReflector {
    /// The schema of `type`.
    ///
    /// - Throws: Whatever the type's own decoding throws for the placeholder values (an empty
    ///   string, zero, `false`); such a type should adopt ``SchemaDescribing``.
    package static func schema<T: Decodable>(of type: T.Type) throws -> Schema {
        try reflect(type).schema
    }

    /// The schema of `type`, or ``Schema/any`` if it cannot be reflected: for published documents,
    /// which stay whole (every wire type has a test that reflects it).
    package static func schemaOrAny<T: Decodable>(of type: T.Type) -> Schema {
        (try? schema(of: type)) ?? .any
    }

    static func reflect<T: Decodable>(_ type: T.Type) throws -> (value: T, schema: Schema) {
        if let described = type as? any SchemaDescribing.Type {
            // The cast cannot fail: `described` is `T` itself.
            return (described.schemaPlaceholder as! T, described.schema)
        }
        if let scalar = scalar(type) { return scalar }
        let decoder = ReflectingDecoder()
        let value = try T(from: decoder)
        // A type that asked for nothing (a struct without members) decodes from `{}`.
        return (value, decoder.recorded ?? .object([]))
    }

    /// The standard library's scalars, which decode through a single-value container.
    private static func scalar<T>(_ type: T.Type) -> (value: T, schema: Schema)? {
        switch type {
        case is String.Type: return ("" as! T, .string())
        case is Bool.Type: return (false as! T, .boolean)
        case is Int.Type: return (Int(0) as! T, .integer)
        case is Int8.Type: return (Int8(0) as! T, .integer)
        case is Int16.Type: return (Int16(0) as! T, .integer)
        case is Int32.Type: return (Int32(0) as! T, .integer)
        case is Int64.Type: return (Int64(0) as! T, .integer)
        case is UInt.Type: return (UInt(0) as! T, .integer)
        case is UInt8.Type: return (UInt8(0) as! T, .integer)
        case is UInt16.Type: return (UInt16(0) as! T, .integer)
        case is UInt32.Type: return (UInt32(0) as! T, .integer)
        case is UInt64.Type: return (UInt64(0) as! T, .integer)
        case is Double.Type: return (Double(0) as! T, .number)
        case is Float.Type: return (Float(0) as! T, .number)
        default: return nil
        }
    }
}
