/// Builds the OpenRPC 1.x document that `rpc.discover` returns.
extension RPCMethods {
    /// The OpenRPC version the document follows.
    package static let openRPCVersion = "1.3.2"

    /// An OpenRPC 1.x document describing `methods` (by default the whole table).
    ///
    /// Params are by name (`paramStructure: by-name`), as every method in `spec/rpc.md` takes an
    /// object. Results are described in the spec's own notation, since their shapes are documented
    /// there; notifications, which OpenRPC has no place for, go in the `x-notifications` extension.
    ///
    /// - Parameters:
    ///   - version: The daemon's version, for `info.version`.
    ///   - methods: The methods to describe.
    /// - Returns: The document as JSON.
    package static func openRPCDocument(version: String, methods: [RPCMethod] = RPCMethods.all) -> JSONValue {
        [
            "openrpc": .string(openRPCVersion),
            "info": [
                "title": "dialogued local API",
                "version": .string(version),
                "description":
                    "JSON-RPC 2.0, one message per line, on $XDG_RUNTIME_DIR/dialogue/dialogued.sock (see spec/rpc.md).",
            ],
            "methods": .array(methods.map(methodObject)),
            "x-notifications": .array(notifications.map(notificationObject)),
            "components": ["errors": .array(errorObjects)],
        ]
    }

    private static func methodObject(_ method: RPCMethod) -> JSONValue {
        [
            "name": .string(method.name),
            "summary": .string(method.summary),
            "paramStructure": "by-name",
            "params": .array(
                method.params.map { param in
                    ["name": .string(param.name), "required": .bool(param.required), "schema": param.schema]
                }
            ),
            "result": ["name": "result", "schema": resultSchema(method.result)],
        ]
    }

    private static func notificationObject(_ notification: RPCMethod) -> JSONValue {
        [
            "name": .string(notification.name),
            "summary": .string(notification.summary),
            "params": ["name": "params", "schema": resultSchema(notification.result)],
        ]
    }

    private static func resultSchema(_ description: String) -> JSONValue {
        if description.hasPrefix("[") {
            return ["type": "array", "description": .string(description)]
        }
        return ["type": "object", "description": .string(description)]
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
