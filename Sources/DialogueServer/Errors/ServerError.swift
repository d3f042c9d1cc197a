import Hummingbird

/// Every failure the server reports to a client: an HTTP status, a stable snake_case code and
/// one sentence that says what to do.
///
/// Controllers, middleware and the WebSocket hub throw this type; the store throws its own
/// `ServerStoreError`, converted here once (`ServerError+Store.swift`). The error middleware turns
/// either (and anything else) into `{success:false, message, code}` exactly once.
package struct ServerError: Error, Equatable, Sendable {
    package var status: HTTPResponse.Status
    package var code: String
    package var message: String
    /// An existing conversation the client should use instead (duplicate direct chat).
    package var conversationId: String?
    /// Seconds the client should wait (rate limits).
    package var retryAfter: Int?

    package init(
        _ status: HTTPResponse.Status,
        code: String,
        _ message: String,
        conversationId: String? = nil,
        retryAfter: Int? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.conversationId = conversationId
        self.retryAfter = retryAfter
    }
}

extension ServerError {
    package static func invalidInput(_ message: String) -> ServerError {
        ServerError(.badRequest, code: "invalid_input", message)
    }

    package static func notFound(_ what: String) -> ServerError {
        ServerError(.notFound, code: "not_found", "\(what) was not found.")
    }

    package static func forbidden(_ message: String) -> ServerError {
        ServerError(.forbidden, code: "forbidden", message)
    }

    package static let unauthorized = ServerError(
        .unauthorized,
        code: "unauthorized",
        "Sign in first: send a valid token in the `token` header or as `Authorization: Bearer`."
    )

    package static let invalidCredentials = ServerError(
        .unauthorized,
        code: "invalid_credentials",
        "The e-mail or the password is wrong."
    )

    /// The answer to every failure the server cannot explain to a client; the log has the details.
    package static let internalFailure = ServerError(
        .internalServerError, code: "internal", "The server failed; the error was logged.")
}
