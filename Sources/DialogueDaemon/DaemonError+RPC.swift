import DialogueRPC

extension RPCError {
    /// The one mapping from a daemon failure to the wire: each code to its `spec/rpc.md` reason.
    ///
    /// ``DaemonError/Code/failed`` becomes -32603 with the daemon's sentence, which never holds a
    /// secret (the handlers log the details).
    package init(_ error: DaemonError) {
        switch error.code {
        case .locked: self = .locked(error.message)
        case .notSignedIn: self = .notSignedIn(error.message)
        case .offline: self = .offline(error.message)
        case .forbidden: self = .forbidden(error.message)
        case .notFound: self = .notFound(error.message)
        case .rateLimited: self = .rateLimited(retryAfter: error.retryAfter ?? 60, error.message)
        case .conflict: self = .conflict(error.message)
        case .untrustedIdentity: self = .untrustedIdentity(error.message)
        case .invalidInput: self = .invalidInput(error.message)
        default: self = RPCError(code: .internalError, message: error.message)
        }
    }
}
