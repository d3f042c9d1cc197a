import DialogueProtocol

/// Every failure of the server's store: what kind it is, one sentence a client may read, and what
/// went wrong underneath.
///
/// The store knows nothing of HTTP; the error middleware turns this into a `ServerError` exactly
/// once (`ServerError.init(_:)` in `ServerError+Store.swift`). `message` never holds SQL or a file
/// path; the database error (its SQL, the file it could not open) goes in ``cause``, which only the
/// server's log sees.
package struct ServerStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the caller did wrong, or that it was the store's own failure.
    package enum Kind: Hashable, Sendable {
        /// No such row, or one the caller may not see (a non-member is told the same).
        case notFound
        /// A request the stored state rules out (a direct chat with two others, an empty roster change).
        case invalidInput
        /// A rule refused the caller; `code` names it ("not_admin", "not_sender", ...) when clients
        /// tell the refusals apart, `nil` for a plain refusal.
        case forbidden(code: ErrorCode?)
        /// The write clashes with what is stored; `code` says how ("id_taken", "email_taken",
        /// "conversation_exists", "already_member", ...), and `conversationId` names the existing
        /// conversation to use instead, when there is one.
        case conflict(code: ErrorCode, conversationId: String?)
        /// The event was encrypted under an older epoch than the conversation's `current` one.
        case staleEpoch(current: Int64)
        /// The op log has moved on; the next op must have seq `expected`.
        case seqConflict(expected: Int64)
        /// It existed but was deleted (a blob with its message); `code` says what ("blob_deleted").
        case gone(code: ErrorCode)
        /// The signed-in account is no longer in the store.
        case unknownAccount
        /// The database failed underneath (busy, full, unreadable, a bug): nothing the caller can
        /// fix; ``ServerStoreError/cause`` says what happened.
        case unavailable
    }

    package var kind: Kind
    /// One sentence that says what to do; never SQL, a path or anything stored.
    package var message: String
    /// The failure underneath (a GRDB `DatabaseError` with its SQL, a file error with its path),
    /// for the log; never part of what a client is told.
    package var cause: (any Error)?

    package init(_ kind: Kind, _ message: String, cause: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.cause = cause
    }

    /// For logs: the kind, the sentence and, when there is one, the cause.
    package var description: String {
        guard let cause else { return "\(kind): \(message)" }
        return "\(kind): \(message) (\(String(reflecting: cause)))"
    }

    /// Equal when a client would be told the same; the cause is the log's business.
    package static func == (lhs: ServerStoreError, rhs: ServerStoreError) -> Bool {
        lhs.kind == rhs.kind && lhs.message == rhs.message
    }
}

extension ServerStoreError {
    /// `error` as the store reports it: itself when it already is a store error, otherwise the
    /// database's failure (`message` in place of its text, which may hold SQL or a path).
    package init(_ error: any Error, message: String = "The database failed.") {
        if let error = error as? ServerStoreError {
            self = error
        } else {
            self.init(.unavailable, message, cause: error)
        }
    }

    package static func notFound(_ what: String) -> ServerStoreError {
        ServerStoreError(.notFound, "\(what) was not found.")
    }

    package static func invalidInput(_ message: String) -> ServerStoreError {
        ServerStoreError(.invalidInput, message)
    }

    package static func forbidden(_ message: String, code: ErrorCode? = nil) -> ServerStoreError {
        ServerStoreError(.forbidden(code: code), message)
    }

    package static func conflict(_ code: ErrorCode, _ message: String, conversationId: String? = nil)
        -> ServerStoreError
    {
        ServerStoreError(.conflict(code: code, conversationId: conversationId), message)
    }

    package static func gone(_ code: ErrorCode, _ message: String) -> ServerStoreError {
        ServerStoreError(.gone(code: code), message)
    }

    package static let unknownAccount = ServerStoreError(.unknownAccount, "The signed-in account no longer exists.")

    package static func staleEpoch(current: Int64) -> ServerStoreError {
        ServerStoreError(
            .staleEpoch(current: current),
            "The conversation moved to epoch \(current): fetch its ops, then re-encrypt and send again."
        )
    }

    package static func seqConflict(expected: Int64) -> ServerStoreError {
        ServerStoreError(
            .seqConflict(expected: expected),
            "The op log has moved on: the next op must have seq \(expected). Fetch the ops and retry."
        )
    }
}
