/// Derives a ``Schema`` from a `Decodable` type by decoding one value through a recording decoder:
/// `decode` marks a required member, `decodeIfPresent` an optional one, an array decodes one
/// element. Types with hand-written decoding that this cannot follow adopt ``SchemaDescribing``
/// (or, for an enum coded by a tag, ``SchemaTaggedUnion``).
package enum SchemaReflector {
    /// The schema of `type`, every nested type written out in place.
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

    /// A placeholder value of `type` and its schema; with a `catalog`, a component type's schema
    /// goes into the catalog and the answer is a reference to it.
    static func reflect<T: Decodable>(_ type: T.Type, in catalog: SchemaCatalog? = nil) throws -> (
        value: T, schema: Schema
    ) {
        if let catalog, let name = catalog.externalName(of: type) {
            return (try reflect(type).value, .reference(name))
        }
        if let union = type as? any SchemaTaggedUnion.Type {
            let (value, schema) = try reflectUnion(union, in: catalog)
            // The cast cannot fail: `union` is `T` itself.
            return (value as! T, schema)
        }
        let (value, reflected) = try reflectShape(type, in: catalog)
        let component = type as? any SchemaComponent.Type
        var schema = reflected
        if let component {
            schema = refineMembers(of: schema, component.memberRefinements, in: catalog, type: type)
                .annotated(SchemaAnnotations(component.schemaDescription))
        }
        guard let catalog, component != nil || isComponent(reflected) else { return (value, schema) }
        return (value, catalog.register(schema, named: SchemaCatalog.name(of: type), for: String(reflecting: type)))
    }

    /// What `type` reads as before a catalog or the type's own refinements have a say.
    private static func reflectShape<T: Decodable>(_ type: T.Type, in catalog: SchemaCatalog?) throws -> (
        value: T, schema: Schema
    ) {
        if let described = type as? any SchemaDescribing.Type {
            // The cast cannot fail: `described` is `T` itself.
            return (described.schemaPlaceholder as! T, described.schema)
        }
        if let scalar = scalar(type) { return scalar }
        let decoder = ReflectingDecoder(catalog: catalog)
        let value = try T(from: decoder)
        // A type that asked for nothing (a struct without members) decodes from `{}`.
        return (value, decoder.recorded ?? .object([]))
    }

    /// Structs and string enums are worth a name; scalars, arrays and maps are written in place.
    private static func isComponent(_ schema: Schema) -> Bool {
        switch schema {
        case .object, .string(values: .some): true
        default: false
        }
    }

    /// One reflection per tag, each case an object whose tag member has its one value.
    private static func reflectUnion<U: SchemaTaggedUnion>(_ type: U.Type, in catalog: SchemaCatalog?) throws -> (
        value: U, schema: Schema
    ) {
        var placeholder: U?
        var cases: [String: Schema] = [:]
        var members: Set<String> = []
        for tag in U.tags {
            let decoder = ReflectingDecoder(catalog: catalog, tag: (U.tagKey, tag.value))
            let value = try U(from: decoder)
            placeholder = placeholder ?? value
            let reflected = decoder.recorded ?? .object([])
            if case .object(let properties) = reflected { members.formUnion(properties.map(\.name)) }
            let schema = refineMembers(of: reflected, U.memberRefinements, in: nil, type: type)
                .annotated(SchemaAnnotations(tag.description))
            cases[tag.value] =
                catalog?.register(schema, named: tag.name, for: "\(String(reflecting: U.self)).\(tag.value)") ?? schema
        }
        guard let placeholder else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "\(U.self) has no tags"))
        }
        for key in Set(U.memberRefinements.keys).subtracting(members) {
            catalog?.report("\(U.self) refines \(key), which none of its cases codes")
        }
        let union = Schema.tagged(key: U.tagKey, cases).annotated(SchemaAnnotations(U.schemaDescription))
        guard let catalog else { return (placeholder, union) }
        return (
            placeholder, catalog.register(union, named: SchemaCatalog.name(of: type), for: String(reflecting: type))
        )
    }

    /// `schema`'s members with `refinements` applied; a refinement of a member the object lacks is
    /// reported to `catalog`.
    private static func refineMembers(
        of schema: Schema,
        _ refinements: [String: SchemaRefinement],
        in catalog: SchemaCatalog?,
        type: Any.Type
    ) -> Schema {
        guard !refinements.isEmpty, case .object(var properties) = schema else { return schema }
        for index in properties.indices {
            guard let refinement = refinements[properties[index].name] else { continue }
            properties[index].schema = refinement.refine(properties[index].schema)
        }
        for key in Set(refinements.keys).subtracting(properties.map(\.name)) {
            catalog?.report("\(type) refines \(key), which it does not code")
        }
        return .object(properties)
    }

    /// The standard library's scalars, which decode through a single-value container. Fixed-width
    /// signed integers say their width (OpenAPI's `int32` and `int64` formats); `Int`'s is the platform's.
    private static func scalar<T>(_ type: T.Type) -> (value: T, schema: Schema)? {
        let int32 = Schema.integer.annotated(SchemaAnnotations(format: "int32"))
        let int64 = Schema.integer.annotated(SchemaAnnotations(format: "int64"))
        switch type {
        case is String.Type: return ("" as! T, .string())
        case is Bool.Type: return (false as! T, .boolean)
        case is Int.Type: return (Int(0) as! T, .integer)
        case is Int8.Type: return (Int8(0) as! T, .integer)
        case is Int16.Type: return (Int16(0) as! T, .integer)
        case is Int32.Type: return (Int32(0) as! T, int32)
        case is Int64.Type: return (Int64(0) as! T, int64)
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
