import DialogueSchema

/// One method of the daemon's local API: the value is the method's params, ``Response`` its result.
///
/// The same type serves both ends: the daemon registers its handler by type (params decoded from
/// the request, the result encoded from `Response`), front ends call it through a typed client,
/// and `rpc.discover` describes it from the type itself, so the three cannot drift apart.
package protocol LocalRequest: Codable, Sendable, Equatable {
    associatedtype Response: Codable, Sendable, Equatable
    /// The JSON-RPC method name, as `spec/rpc.md` spells it.
    static var method: String { get }
    /// One line on what the method does, for `rpc.discover` and `dialogue help`.
    static var summary: String { get }
    /// String params that accept only some values; checked by the daemon rather than the decoder
    /// so that a wrong one answers with the method's own error.
    static var enumeratedParams: [String: [String]] { get }
}

extension LocalRequest {
    package static var enumeratedParams: [String: [String]] { [:] }

    /// The params' schema, read off this type.
    package static var paramsSchema: Schema { SchemaReflector.schemaOrAny(of: Self.self) }

    /// The result's schema, read off ``Response``.
    package static var responseSchema: Schema { SchemaReflector.schemaOrAny(of: Response.self) }
}
