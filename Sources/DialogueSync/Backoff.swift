/// Exponential backoff with full jitter (AWS's "full jitter": a uniform delay between zero and
/// the capped exponential), so that many daemons reconnecting after a server restart spread out
/// instead of arriving together.
public struct Backoff: Sendable {
    public var base: Double
    public var cap: Double
    /// Consecutive failures since the last healthy connection.
    public private(set) var attempt = 0

    public init(base: Double = 0.5, cap: Double = 60) {
        self.base = base
        self.cap = cap
    }

    /// The ceiling of the next delay: `min(cap, base · 2^attempt)`.
    public var ceiling: Double { min(cap, base * Double(1 << min(attempt, 30))) }

    /// The next delay in seconds, at least `retryAfter` when the server asked for one.
    /// - Parameter unit: a uniform random number in `0...1` (injected so tests are deterministic).
    public mutating func nextDelay(unit: Double, retryAfter: Double? = nil) -> Double {
        let delay = ceiling * min(1, max(0, unit))
        attempt += 1
        return max(delay, retryAfter ?? 0)
    }

    /// A connection stayed healthy: start again from the base.
    public mutating func reset() { attempt = 0 }
}
