import DialogueProtocol
import Hummingbird

/// Every failure the server reports to a client: an HTTP status, a stable snake_case code and
/// one sentence that says what to do.
///
/// Controllers, middleware and the WebSocket hub throw this type; the store throws its own
/// `ServerStoreError`, converted here once (`ServerError+Store.swift`). The error middleware turns
/// either (and anything else) into `{success:false, message, code}` exactly once.
package struct ServerError: Error, Equatable, Sendable {
    package var status: HTTPResponse.Status
    /// What went wrong, as clients branch on it; only ``ErrorCode``s, so the OpenAPI document
    /// lists every code the server sends.
    package var code: ErrorCode
    package var message: String
    /// An existing conversation the client should use instead (duplicate direct chat).
    package var conversationId: String?
    /// Seconds the client should wait (rate limits).
    package var retryAfter: Int?

    package init(
        _ status: HTTPResponse.Status,
        code: ErrorCode,
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
        ServerError(.badRequest, code: .invalidInput, message)
    }

    package static func notFound(_ what: String) -> ServerError {
        ServerError(.notFound, code: .notFound, "\(what) was not found.")
    }

    package static func forbidden(_ message: String) -> ServerError {
        ServerError(.forbidden, code: .forbidden, message)
    }

    package static let unauthorized = ServerError(
        .unauthorized,
        code: .unauthorized,
        "Sign in first: send a valid token in the `token` header or as `Authorization: Bearer`."
    )

    package static let invalidCredentials = ServerError(
        .unauthorized,
        code: .invalidCredentials,
        "The e-mail or the password is wrong."
    )

    /// The answer to every failure the server cannot explain to a client; the log has the details.
    package static let internalFailure = ServerError(
        .internalServerError, code: .internalFailure, "The server failed; the error was logged.")
}
