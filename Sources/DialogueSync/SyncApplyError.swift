/// Why a consumer could not apply an event now: the one error the sync service handles, so the
/// consumer converts its own failures once, at this boundary.
package struct SyncApplyError: Error, Sendable, Equatable {
    /// One sentence for the `connection` status's `lastError`.
    package var message: String
    /// Seconds the server asked to wait (a rate limit), if it did.
    package var retryAfter: Double?

    package init(_ message: String, retryAfter: Double? = nil) {
        self.message = message
        self.retryAfter = retryAfter
    }
}
