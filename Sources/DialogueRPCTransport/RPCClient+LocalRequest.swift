import DialogueRPC

extension RPCClient {
    /// Calls a local API method by its type and decodes the method's own result.
    ///
    /// - Throws: The daemon's `RPCError` for an error response; ``RPCClientError`` when no
    ///   response came; `DecodingError` when the result does not have the method's shape (a
    ///   daemon of another version).
    package func call<Request: LocalRequest>(_ request: Request) async throws -> Request.Response {
        try await self.call(Request.method, params: try JSONValue(encoding: request)).decode(Request.Response.self)
    }
}
