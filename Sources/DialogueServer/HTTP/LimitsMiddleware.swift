import Hummingbird

/// Applies the configured body ceiling to every request, and refuses a declared
/// `Content-Length` over it before reading anything.
struct LimitsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw ServerError(
                .contentTooLarge,
                code: .payloadTooLarge,
                "The request body is \(length) bytes; the limit is \(maxBodyBytes)."
            )
        }
        var context = context
        context.uploadLimit = maxBodyBytes
        return try await next(request, context)
    }
}
