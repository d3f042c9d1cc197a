/// What one pass over the outbox ended with; the session controller waits accordingly.
enum OutboxPass: Sendable, Equatable {
    /// Everything went out.
    case drained
    /// A transient failure: try again after a backoff (or `Retry-After`).
    case retry(after: Double?, reason: String)
}
