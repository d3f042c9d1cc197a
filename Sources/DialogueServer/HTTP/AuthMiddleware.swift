import HTTPTypes
import Hummingbird

/// Requires a valid token in the original's `token` header or as `Authorization: Bearer`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: TokenService
    /// Only the WebSocket upgrade takes `?token=` (browsers cannot set headers there); elsewhere a
    /// token in the URL would end up in logs and proxies, so it is ignored.
    var allowQueryToken = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let token = Self.token(in: request, allowQuery: allowQueryToken) else { throw ServerError.unauthorized }
        var context = context
        context.userId = try await tokens.verify(token)
        context.logger[metadataKey: "user"] = .string(context.userId ?? "")
        return try await next(request, context)
    }

    /// The bearer token of a request: the `token` header, `Authorization: Bearer`, or (for the
    /// WebSocket upgrade, where browsers cannot set headers) the `token` query parameter.
    static func token(in request: Request, allowQuery: Bool) -> String? {
        if let name = HTTPField.Name("token"), let value = request.headers[name], !value.isEmpty { return value }
        if let value = request.headers[.authorization] {
            let parts = value.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        if allowQuery, let value = request.uri.queryParameters.get("token"), !value.isEmpty { return value }
        return nil
    }
}
