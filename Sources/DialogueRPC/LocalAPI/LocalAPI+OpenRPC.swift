import DialogueSchema

/// Builds the OpenRPC 1.x document that `rpc.discover` returns, from the request and view types.
extension LocalAPI {
    /// The OpenRPC version the document follows.
    package static let openRPCVersion = "1.3.2"

    /// An OpenRPC 1.x document describing `methods` (by default the whole API).
    ///
    /// Params are by name (`paramStructure: by-name`), as every method takes an object; each
    /// param's and result's schema is read off its Codable type. Notifications, which OpenRPC has
    /// no place for, go in the `x-notifications` extension.
    ///
    /// - Parameters:
    ///   - version: The daemon's version, for `info.version`.
    ///   - methods: The methods to describe.
    /// - Returns: The document as JSON.
    package static func openRPCDocument(version: String, methods: [any LocalRequest.Type] = requests) -> JSONValue {
        [
            "openrpc": .string(openRPCVersion),
            "info": [
                "title": "dialogued local API",
                "version": .string(version),
                "description":
                    "JSON-RPC 2.0, one message per line, on $XDG_RUNTIME_DIR/dialogue/dialogued.sock (see docs/rpc.md).",
            ],
            "methods": .array(methods.map(methodObject)),
            "x-notifications": .array(LocalEvent.Kind.allCases.map(notificationObject)),
            "components": ["errors": .array(errorObjects)],
        ]
    }

    /// The params of `request`, in declaration order.
    package static func params(of request: any LocalRequest.Type) -> [SchemaProperty] {
        guard case .object(let properties) = request.paramsSchema else { return [] }
        return properties.map { property in
            guard let values = request.enumeratedParams[property.name] else { return property }
            return SchemaProperty(property.name, .string(values: values), required: property.required)
        }
    }

    private static func methodObject(_ request: any LocalRequest.Type) -> JSONValue {
        [
            "name": .string(request.method),
            "summary": .string(request.summary),
            "paramStructure": "by-name",
            "params": .array(
                params(of: request).map { param in
                    ["name": .string(param.name), "required": .bool(param.required), "schema": param.schema.jsonSchema]
                }),
            "result": ["name": "result", "schema": request.responseSchema.jsonSchema],
        ]
    }

    private static func notificationObject(_ kind: LocalEvent.Kind) -> JSONValue {
        [
            "name": .string(kind.rawValue),
            "summary": .string(kind.summary),
            "params": ["name": "params", "schema": SchemaReflector.schemaOrAny(of: kind.payload).jsonSchema],
        ]
    }

    private static var errorObjects: [JSONValue] {
        let standard: [RPCError] = [
            .parseError(), .invalidRequest(), .methodNotFound(""), .invalidParams(""), .internalError,
        ]
        let standardObjects: [JSONValue] = standard.map {
            ["code": .integer($0.code.rawValue), "message": .string($0.message)]
        }
        let application: [JSONValue] = RPCError.Reason.allCases.map {
            [
                "code": .integer($0.code.rawValue), "message": .string($0.rawValue),
                "data": ["reason": .string($0.rawValue)],
            ]
        }
        return standardObjects + application
    }
}
