import DialogueProtocol
import DialogueSchema

/// The OpenAPI 3.1 description of the REST API, served at `/api/openapi.json`.
///
/// Built from Swift data rather than kept as text: the routes from ``operations``, and
/// `components.schemas` read off the wire types those operations name (and the WebSocket's
/// frames) by a ``SchemaCatalog``. It is tested against the router's route table and against
/// encoded samples of the wire types, so a route or a property cannot change without this
/// document following.
enum OpenAPIDocument {
    /// The document as served: compact JSON with sorted keys.
    static let json: String = document.serialized()

    /// The whole document; tests read it back from ``json`` to see what clients see.
    static let document: OpenAPIValue = built.document

    /// What the catalog could not derive (none, or a test fails): a type it cannot reflect, a
    /// refinement of a member that does not exist, two types with one name.
    static let schemaProblems: [String] = built.problems

    private static let built = build()

    private static func build() -> (document: OpenAPIValue, problems: [String]) {
        let catalog = WireSchema.catalog()
        let paths = paths(catalog)
        // The frames of `GET /api/ws`, which no REST operation names.
        catalog.add(ClientFrame.self)
        catalog.add(ServerFrame.self)
        return (document(paths: paths, schemas: catalog.schemas.mapValues { .schema($0) }), catalog.problems)
    }

    private static func document(paths: [String: OpenAPIValue], schemas: [String: OpenAPIValue]) -> OpenAPIValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Dialogue server",
                "version": .string(ProtocolVersion.product),
                "description": .string(overview),
            ],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                        "description": "`Authorization: Bearer <token>` with the token from sign-up or login.",
                    ],
                    "token": [
                        "type": "apiKey", "in": "header", "name": "token",
                        "description": "The token alone in a `token` header, as the original server took it.",
                    ],
                    "tokenQuery": [
                        "type": "apiKey", "in": "query", "name": "token",
                        "description": "The token as `?token=`, for the WebSocket upgrade where headers cannot be set.",
                    ],
                ],
                "headers": [
                    "RetryAfter": [
                        "description": "Seconds to wait before trying again.",
                        "schema": ["type": "integer", "minimum": 1],
                    ]
                ],
            ],
        ]
    }

    private static let overview = """
        The REST API of `dialogue-server`, the relay and directory of the Dialogue end-to-end encrypted \
        messenger. The server stores signed, encrypted envelopes and opaque key material; it never sees \
        plaintext.

        Wire conventions: JSON keys are exactly as listed; dates are RFC 3339 strings in UTC with milliseconds; \
        binary data is base64url without padding; enums travel as their raw values. Optional properties are left \
        out when they have no value (never `null`).

        Every failure answers `{"success": false, "message", "code"}` (plus `conversationId` when the error \
        points at an existing conversation); clients branch on `code`. Every successful JSON answer but \
        `/api/health` and this document has `"success": true`. Bodies over the server's limit (15 MiB by \
        default) are refused with 413.
        """

    /// `paths`: one path item per template, one operation per method.
    private static func paths(_ catalog: SchemaCatalog) -> [String: OpenAPIValue] {
        var paths: [String: [String: OpenAPIValue]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method] = item(for: operation, catalog)
        }
        return paths.mapValues { .object($0) }
    }

    private static func item(for operation: OpenAPIOperation, _ catalog: SchemaCatalog) -> OpenAPIValue {
        var item: [String: OpenAPIValue] = [
            "operationId": .string(operation.operationId),
            "summary": .string(operation.summary),
            "tags": [.string(tag(for: operation.path))],
            "responses": .object(responses(for: operation, catalog)),
        ]
        if !operation.description.isEmpty { item["description"] = .string(operation.description) }
        if operation.authenticated {
            var schemes: [OpenAPIValue] = [["bearer": []], ["token": []]]
            // Browsers cannot set headers on a WebSocket upgrade, so it alone documents `?token=`.
            if case .webSocket = operation.success { schemes.append(["tokenQuery": []]) }
            item["security"] = .array(schemes)
        } else {
            item["security"] = []
        }
        if !operation.parameters.isEmpty {
            item["parameters"] = .array(
                operation.parameters.map { parameter in
                    [
                        "name": .string(parameter.name),
                        "in": .string(parameter.location),
                        "description": .string(parameter.description),
                        "required": .bool(parameter.required),
                        "schema": parameter.schema,
                    ]
                }
            )
        }
        switch operation.requestBody {
        case .none:
            break
        case .json(let type, let required):
            item["requestBody"] = [
                "required": .bool(required),
                "content": ["application/json": ["schema": .schema(catalog.add(type))]],
            ]
        case .octetStream(let description):
            item["requestBody"] = [
                "required": true,
                "description": .string(description),
                "content": [
                    "application/octet-stream": [
                        "schema": ["type": "string", "contentMediaType": "application/octet-stream"]
                    ]
                ],
            ]
        }
        return .object(item)
    }

    private static func responses(for operation: OpenAPIOperation, _ catalog: SchemaCatalog) -> [String: OpenAPIValue] {
        var responses: [String: OpenAPIValue] = [:]
        switch operation.success {
        case .json(let status, let type, let description):
            responses[String(status)] = [
                "description": .string(description),
                "content": ["application/json": ["schema": .schema(catalog.add(type))]],
            ]
        case .octetStream(let description):
            responses["200"] = [
                "description": .string(description),
                "content": [
                    "application/octet-stream": [
                        "schema": ["type": "string", "contentMediaType": "application/octet-stream"]
                    ]
                ],
                "headers": [
                    "Cache-Control": [
                        "description": "`private, max-age=31536000, immutable`: a blob never changes.",
                        "schema": ["type": "string"],
                    ]
                ],
            ]
        case .textStream(let description):
            responses["200"] = [
                "description": .string(description),
                "content": ["text/plain": ["schema": ["type": "string"]]],
            ]
        case .anyJSON(let description):
            responses["200"] = [
                "description": .string(description),
                "content": ["application/json": ["schema": ["type": "object"]]],
            ]
        case .webSocket:
            responses["101"] = ["description": "Switching Protocols: the connection is now a WebSocket."]
        }
        var errors = operation.errors
        if operation.authenticated, errors[401] == nil {
            errors[401] =
                "`unauthorized`: no token, or not a valid one. `token_expired`: the session expired; log in again."
        }
        if operation.requestBody.isPresent, errors[413] == nil {
            errors[413] = "`payload_too_large`: the body is over the server's limit (15 MiB by default)."
        }
        errors[500] = "`internal`: the server failed; the error was logged."
        for (status, description) in errors {
            var response: [String: OpenAPIValue] = [
                "description": .string(description),
                "content": ["application/json": ["schema": .schema(catalog.add(ErrorResponse.self))]],
            ]
            if status == 429 { response["headers"] = ["Retry-After": ["$ref": "#/components/headers/RetryAfter"]] }
            responses[String(status)] = .object(response)
        }
        return responses
    }

    /// Groups operations by the segment after `/api` (`auth`, `messages`, `keys`...).
    private static func tag(for path: String) -> String {
        let segments = path.split(separator: "/")
        guard segments.count > 1 else { return "meta" }
        switch segments[1] {
        case "health", "openapi.json": return "meta"
        case "ws": return "sync"
        default: return String(segments[1])
        }
    }
}
