import Hummingbird
import NIOCore

/// 429 with `Retry-After` once an IP address has used its attempts for the window.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let key = context.remoteAddress?.ipAddress ?? "unknown"
        if let retryAfter = await limiter.attempt(key) {
            throw ServerError(
                .tooManyRequests,
                code: .rateLimited,
                "Too many attempts from your address: try again in \(retryAfter) seconds.",
                retryAfter: retryAfter
            )
        }
        return try await next(request, context)
    }
}
