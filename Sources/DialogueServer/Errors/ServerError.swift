import Hummingbird

/// Every failure the server reports to a client: an HTTP status, a stable snake_case code and
/// one sentence that says what to do.
///
/// Stores, controllers and the WebSocket hub throw only this type; the error middleware turns it
/// (and anything else) into `{success:false, message, code}` exactly once.
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

    package static func conflict(_ code: String, _ message: String, conversationId: String? = nil) -> ServerError {
        ServerError(.conflict, code: code, message, conversationId: conversationId)
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

    package static func staleEpoch(current: Int64) -> ServerError {
        ServerError(
            .conflict,
            code: "stale_epoch",
            "The conversation moved to epoch \(current): fetch its ops, then re-encrypt and send again."
        )
    }

    package static func seqConflict(expected: Int64) -> ServerError {
        ServerError(
            .conflict,
            code: "seq_conflict",
            "The op log has moved on: the next op must have seq \(expected). Fetch the ops and retry."
        )
    }
}
