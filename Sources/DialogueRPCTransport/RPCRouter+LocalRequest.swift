import DialogueRPC

extension RPCRouter {
    /// Registers the handler of a local API method by its type: the request decodes from the
    /// params, the handler returns the method's own `Response`, so a handler cannot answer with
    /// another shape than the one `rpc.discover` describes.
    package func register<Request: LocalRequest>(
        _ request: Request.Type,
        immediate: (@Sendable (_ request: Request, _ context: RPCContext) throws -> Request.Response?)? = nil,
        handler: @escaping @Sendable (_ request: Request, _ context: RPCContext) async throws -> Request.Response
    ) {
        self.register(Request.method, params: Request.self, immediate: immediate, handler: handler)
    }
}
