/// Named component schemas collected from types, for a document that lists each type once
/// (OpenAPI's `components.schemas`) and refers to it by ``Schema/reference(_:)`` elsewhere.
///
/// Adding a type adds every struct and string enum it contains, each named after its Swift type;
/// a ``SchemaTaggedUnion`` adds one component per tag. Scalars the wire codes its own way
/// (dates, identifiers) are defined once by name and referred to from every member that has them.
///
/// A catalog is filled once, while a document is built, and then read through ``schemas``.
package final class SchemaCatalog {
    /// Every component by name.
    package private(set) var schemas: [String: Schema] = [:]
    /// What went wrong while adding types: a type that cannot be reflected, two types with one
    /// name, a refinement of a member that does not exist. A document's tests expect none.
    package private(set) var problems: [String] = []
    /// Who defined each name, so that a second owner is a problem rather than a silent overwrite.
    private var owners: [String: String] = [:]
    /// Types referred to by a fixed name, whatever their decoding says.
    private var externals: [ObjectIdentifier: String] = [:]

    package init() {}

    /// A component no type reflects: a format several members share (an id kind), which their
    /// types refer to with ``Schema/reference(_:)``.
    package func define(_ name: String, _ schema: Schema) {
        _ = register(schema, named: name, for: name)
    }

    /// Makes `type` the component `name` with `schema`: for a type declared elsewhere whose coding
    /// the wire configures (Foundation's `Date`, coded as text by the wire's encoder although its
    /// own conformance writes a number).
    package func define<T>(_ type: T.Type, as name: String, _ schema: Schema) {
        externals[ObjectIdentifier(type)] = name
        define(name, schema)
    }

    /// Adds `type` and every component it contains.
    ///
    /// - Returns: The schema to write where `type` appears: a reference for a component, else the
    ///   schema itself (``Schema/any`` if `type` cannot be reflected, which is also a problem).
    @discardableResult
    package func add<T: Decodable>(_ type: T.Type) -> Schema {
        do {
            return try SchemaReflector.reflect(type, in: self).schema
        } catch {
            report("\(type) cannot be reflected: \(error)")
            return .any
        }
    }

    /// The component name of `type`: its Swift name without the module, nested names joined.
    package static func name(of type: Any.Type) -> String {
        let path = String(reflecting: type).split(separator: ".").dropFirst()
        return path.joined().filter { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    func externalName(of type: Any.Type) -> String? { externals[ObjectIdentifier(type)] }

    /// Stores `schema` as `name` for `owner`, and answers the reference to it.
    func register(_ schema: Schema, named name: String, for owner: String) -> Schema {
        if let previous = owners[name], previous != owner {
            report("\(previous) and \(owner) are both named \(name)")
        }
        owners[name] = owner
        schemas[name] = schema
        return .reference(name)
    }

    func report(_ problem: String) {
        if !problems.contains(problem) { problems.append(problem) }
    }
}
