/// Why a call made with ``RPCClient`` got no response (as opposed to an error response, which is an `RPCError`).
package enum RPCClientError: Error, Sendable, Hashable {
    /// The connection closed before the response arrived.
    case connectionClosed
    /// A call with this id is already waiting for its response.
    case duplicateRequestID(String)
}

extension RPCClientError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .connectionClosed:
            return "The connection to dialogued closed before it answered: is the daemon running?"
        case .duplicateRequestID(let id):
            return "A call with id \(id) is already waiting for its answer"
        }
    }
}
