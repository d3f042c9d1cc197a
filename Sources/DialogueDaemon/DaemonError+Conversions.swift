import DialogueCrypto
import DialogueStore
import DialogueSync

/// The daemon's domains' errors, each converted once into what a front end is told.
extension DaemonError {
    /// A cache failure, after `context` ("Saving messages failed"). The cache's own sentences
    /// never hold SQL or a path; anything else it throws (a database error) becomes the cause.
    init(_ context: String, store error: any Error) {
        guard let error = error as? StoreError else {
            self.init(.failed, context, cause: error)
            return
        }
        switch error.code {
        case .notFound: self.init(.notFound, error.message, cause: error)
        case .invalidQuery: self.init(.invalidInput, error.message, cause: error)
        case .undecryptable, .corrupt, .searchIndexFailed:
            self.init(.failed, "\(context): \(error.message)", cause: error)
        }
    }

    /// A cryptographic refusal or failure, after `context`. The protocol's sentences name what
    /// did not verify and never hold key material, so the client sees them.
    init(_ context: String, crypto error: CryptoError, code: Code = .forbidden) {
        self.init(code, "\(context): \(error.message)", cause: error)
    }

    /// A failed call to the server, as `spec/rpc.md` names it: no answer and 502–504 are
    /// ``Code/offline``, wrong credentials ``Code/forbidden``, a rejected session
    /// ``Code/notSignedIn``. The server's sentence and stable word are kept.
    init(_ error: ServerClientError) {
        let code: Code =
            switch error.code {
            case .unreachable, .unavailable: .offline
            case .invalidRequest: .invalidInput
            case .badCredentials, .forbidden: .forbidden
            case .sessionRejected: .notSignedIn
            case .notFound: .notFound
            case .conflict: .conflict
            case .rateLimited: .rateLimited
            case .failed: .failed
            }
        self.init(code, error.message, retryAfter: error.retryAfter, cause: error)
        serverCode = error.serverCode
        existingConversationId = error.existingConversationId
    }

    /// Runs one call to the server and converts its failure: where a ``ServerClientError``
    /// becomes what the daemon reports. The call runs in the caller's isolation. (The closure is
    /// untyped only because Swift 6 infers `any Error` for closures; a ``DaemonError`` passes as it
    /// is, and nothing else reaches here from the client.)
    static func converting<Value>(
        isolation: isolated (any Actor)? = #isolation,
        _ call: () async throws -> Value
    ) async throws(DaemonError) -> Value {
        do {
            return try await call()
        } catch let error as ServerClientError {
            throw DaemonError(error)
        } catch let error as DaemonError {
            throw error
        } catch {
            throw DaemonError(.failed, "The server call failed", cause: error)
        }
    }
}
