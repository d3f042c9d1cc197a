/// A JSON value that is not a valid JSON-RPC 2.0 message, with what is needed to answer it.
package struct RPCInvalidMessage: Error, Sendable, Hashable {
    /// The id when it could still be read, so the error reply reaches the right caller; else `nil` (`null`).
    package var id: RequestID?
    /// Always -32600 (invalid request) with a short detail in `data`.
    package var error: RPCError

    package init(id: RequestID?, error: RPCError) {
        self.id = id
        self.error = error
    }

    /// The error response to send back.
    package var response: RPCResponse {
        RPCResponse(id: self.id, error: self.error)
    }
}
