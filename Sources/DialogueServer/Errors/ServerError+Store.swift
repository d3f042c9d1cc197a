import DialogueServerStore
import Hummingbird

extension ServerError {
    /// What a client is told about a store failure: the status and code it has always been told.
    /// The store's own failures (`ServerStoreError.Kind.unavailable`) become one fixed sentence;
    /// their cause reaches only the log.
    package init(_ error: ServerStoreError) {
        switch error.kind {
        case .notFound:
            self.init(.notFound, code: .notFound, error.message)
        case .invalidInput:
            self.init(.badRequest, code: .invalidInput, error.message)
        case .forbidden(let code):
            self.init(.forbidden, code: code ?? .forbidden, error.message)
        case .conflict(let code, let conversationId):
            self.init(.conflict, code: code, error.message, conversationId: conversationId)
        case .staleEpoch:
            self.init(.conflict, code: .staleEpoch, error.message)
        case .seqConflict:
            self.init(.conflict, code: .seqConflict, error.message)
        case .gone(let code):
            self.init(.gone, code: code, error.message)
        case .unknownAccount:
            self = .unauthorized
        case .unavailable:
            self = .internalFailure
        }
    }
}
