import Foundation

/// A fixed-window counter per key (an IP address), like the original's express-rate-limit.
actor RateLimiter {
    private struct Window {
        var start: Date
        var count: Int
    }

    private let limit: Int
    private let window: TimeInterval
    private let clock: any ServerClock
    private var windows: [String: Window] = [:]

    init(limit: Int, windowSeconds: Int, clock: any ServerClock) {
        self.limit = limit
        self.window = TimeInterval(windowSeconds)
        self.clock = clock
    }

    /// Counts one attempt; returns the seconds to wait when the key is over its limit.
    func attempt(_ key: String) -> Int? {
        let now = clock.now()
        if windows.count > 10_000 { windows = windows.filter { now.timeIntervalSince($0.value.start) < window } }
        var current = windows[key] ?? Window(start: now, count: 0)
        if now.timeIntervalSince(current.start) >= window { current = Window(start: now, count: 0) }
        guard current.count < limit else {
            return max(1, Int((window - now.timeIntervalSince(current.start)).rounded(.up)))
        }
        current.count += 1
        windows[key] = current
        return nil
    }
}
