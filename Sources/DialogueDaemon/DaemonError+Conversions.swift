import DialogueCrypto
import DialogueStore

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
}
