/// Every failure a daemon operation reports to a front end, one case per `spec/rpc.md` reason.
///
/// The key store, the server client and the handlers throw only this type; it becomes an
/// `RPCError` exactly once, in ``DaemonHandlers`` (see `RPCError.init(_:)` in `DaemonError+RPC.swift`).
/// `message` is one sentence that says what to do and never carries a secret, message text, SQL
/// or a file path; what went wrong underneath goes in ``cause``, which only the daemon's log sees.
package struct DaemonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure; an open set so new reasons can be added without breaking callers.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case locked, notSignedIn, offline, forbidden, notFound, rateLimited, conflict, untrustedIdentity,
                invalidInput
            case failed
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The key store is locked, or a secret did not unlock it (-32001).
        package static let locked = Code(.locked)
        /// No account on this daemon, or the server no longer accepts its session (-32002).
        package static let notSignedIn = Code(.notSignedIn)
        /// The server cannot be reached (-32003).
        package static let offline = Code(.offline)
        /// The server or a local rule refused (-32004).
        package static let forbidden = Code(.forbidden)
        /// No such conversation, message or user (-32005).
        package static let notFound = Code(.notFound)
        /// The server asked to slow down (-32006), see ``DaemonError/retryAfter``.
        package static let rateLimited = Code(.rateLimited)
        /// Already exists (-32007).
        package static let conflict = Code(.conflict)
        /// A contact's identity key changed and was not re-verified (-32008).
        package static let untrustedIdentity = Code(.untrustedIdentity)
        /// A well-formed request with a bad value (-32009).
        package static let invalidInput = Code(.invalidInput)
        /// Something failed that the caller cannot fix: a server error, an unreadable file (-32603).
        package static let failed = Code(.failed)

        package var description: String { base.rawValue }
    }

    package var code: Code
    package var message: String
    /// Seconds to wait, for ``Code/rateLimited``.
    package var retryAfter: Int?
    /// The server's stable error word (`seq_conflict`, `stale_epoch`, ...) when the server refused.
    package var serverCode: String?
    /// The existing conversation a `conversation_exists` refusal points at.
    package var existingConversationId: String?
    /// The failure underneath (a database error with its SQL, a file error with its path), for the
    /// log where this error is handed to a client; never part of what the client is told.
    package var cause: (any Error)?

    package init(_ code: Code, _ message: String, retryAfter: Int? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.cause = cause
    }

    /// For logs: the sentence and, when there is one, the cause.
    package var description: String {
        guard let cause else { return "\(code): \(message)" }
        return "\(code): \(message) (\(String(reflecting: cause)))"
    }

    /// Equal when a client would see the same error; the cause is the log's business.
    package static func == (lhs: DaemonError, rhs: DaemonError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.retryAfter == rhs.retryAfter
            && lhs.serverCode == rhs.serverCode && lhs.existingConversationId == rhs.existingConversationId
    }
}
