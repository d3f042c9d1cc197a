import DialogueProtocol
import DialogueSchema

/// One REST operation: everything a client needs to call it, kept in one row of
/// ``OpenAPIDocument/operations`` so that a route and its description change together.
struct OpenAPIOperation: Sendable {
    /// What the request carries.
    enum RequestBody: Sendable {
        case none
        /// A JSON body of this wire type; `required: false` when an empty body is accepted too.
        case json(any (Decodable & Sendable).Type, required: Bool = true)
        /// Raw bytes (`application/octet-stream`).
        case octetStream(String)

        /// Whether the operation takes a body at all (and so can be refused as too large).
        var isPresent: Bool {
            if case .none = self { return false }
            return true
        }
    }

    /// What a successful call answers.
    enum Success: Sendable {
        /// A JSON body of this wire type.
        case json(status: Int, schema: any (Decodable & Sendable).Type, description: String)
        /// Raw bytes (`application/octet-stream`).
        case octetStream(String)
        /// UTF-8 text streamed in chunks as it is produced (the assistant's answer).
        case textStream(String)
        /// Any JSON object (the OpenAPI document itself).
        case anyJSON(String)
        /// `101 Switching Protocols` to a WebSocket.
        case webSocket
    }

    /// A path or query parameter.
    struct Parameter: Sendable {
        var name: String
        /// `path` or `query`.
        var location: String
        var description: String
        var schema: OpenAPIValue
        var required: Bool

        /// A `{name}` segment of the path; always a string.
        static func path(_ name: String, _ description: String, schema: Schema = WireSchema.clientId) -> Parameter {
            Parameter(name: name, location: "path", description: description, schema: .schema(schema), required: true)
        }

        static func query(_ name: String, _ description: String, schema: OpenAPIValue) -> Parameter {
            Parameter(name: name, location: "query", description: description, schema: schema, required: false)
        }
    }

    /// Lowercase, as OpenAPI path items key their operations.
    var method: String
    /// The OpenAPI template, parameters as `{name}`.
    var path: String
    var operationId: String
    var summary: String
    var description: String
    /// Whether the route sits behind the token check (and so may answer 401).
    var authenticated: Bool
    var parameters: [Parameter]
    var requestBody: RequestBody
    var success: Success
    /// Error statuses and, for each, the `code`s it carries and when. 401 (for authenticated
    /// operations), 413 (for operations with a body) and 500 are added by the document.
    var errors: [Int: String]

    init(
        _ method: String,
        _ path: String,
        id operationId: String,
        summary: String,
        description: String = "",
        authenticated: Bool = true,
        parameters: [Parameter] = [],
        body: RequestBody = .none,
        success: Success,
        errors: [Int: String] = [:]
    ) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.summary = summary
        self.description = description
        self.authenticated = authenticated
        self.parameters = parameters
        self.requestBody = body
        self.success = success
        self.errors = errors
    }
}
