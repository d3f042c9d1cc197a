/// Every failure of a call to the server's REST API, in the server's own terms.
///
/// The client knows HTTP, not the daemon's local API: it says what the server answered (or that
/// nothing answered), and the daemon decides once what its front ends are told
/// (`DaemonError.init(_: ServerClientError)`). `message` is one sentence a person can act on,
/// usually the server's own; it never holds a token or a body the server did not mean as a message.
package struct ServerClientError: Error, Equatable, Sendable, CustomStringConvertible {
    package enum Code: String, Hashable, Sendable {
        /// No answer at all: refused, reset, timed out, or TLS failed.
        case unreachable
        /// The server or a proxy in front of it answered 502, 503 or 504.
        case unavailable
        /// 400, 413 or 422, or a request this client refused to form (an empty id).
        case invalidRequest
        /// 401 to a login or sign-up: the credentials are wrong.
        case badCredentials
        /// 401 to a call with a token: the server no longer accepts the session.
        case sessionRejected
        /// 403.
        case forbidden
        /// 404 or 410.
        case notFound
        /// 409.
        case conflict
        /// 429, see ``ServerClientError/retryAfter``.
        case rateLimited
        /// Any other status, or an answer that is not what a Dialogue server sends.
        case failed
    }

    package var code: Code
    package var message: String
    /// The HTTP status, when the server answered.
    package var status: Int?
    /// Seconds to wait, for ``Code/rateLimited`` (at least 1).
    package var retryAfter: Int?
    /// The server's stable error word (`seq_conflict`, `stale_epoch`, ...).
    package var serverCode: String?
    /// The existing conversation a `conversation_exists` refusal points at.
    package var existingConversationId: String?
    /// What went wrong underneath (the HTTP client's error, a decoding error), for the log only.
    package var cause: (any Error)?

    package init(
        _ code: Code,
        _ message: String,
        status: Int? = nil,
        retryAfter: Int? = nil,
        cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
        self.cause = cause
    }

    package var description: String {
        guard let cause else { return "\(code): \(message)" }
        return "\(code): \(message) (\(String(reflecting: cause)))"
    }

    /// Equal when the server said the same thing; the cause is the log's business.
    package static func == (lhs: ServerClientError, rhs: ServerClientError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.status == rhs.status
            && lhs.retryAfter == rhs.retryAfter && lhs.serverCode == rhs.serverCode
            && lhs.existingConversationId == rhs.existingConversationId
    }
}
