import Synchronization

/// What one benchmark WebSocket connection has seen; owned by that connection and read by the
/// scenario between phases (one lock per connection, so receivers never contend with each other).
final class DeliveryReceiver: Sendable {
    struct Snapshot: Sendable {
        var ready = false
        var closed = false
        /// The connection ended after `ready` while the scenario still wanted it.
        var endedEarly = false
        /// Connection attempts repeated because one ended before `ready`.
        var retries = 0
        var failure: String?
        /// Benchmark messages received since the last ``DeliveryReceiver/takeLatencies()``.
        var delivered = 0
        /// Frames whose wire-type decoding disagreed with the byte scan (should stay 0).
        var mismatches = 0
        /// Whether one delivered frame was decoded with the real wire types and matched.
        var verified = false
    }

    private struct State {
        var snapshot = Snapshot()
        var latencies: [UInt64] = []
    }

    private let state = Mutex(State())

    var snapshot: Snapshot { state.withLock { $0.snapshot } }

    func markReady() { state.withLock { $0.snapshot.ready = true } }

    func markEndedEarly() { state.withLock { $0.snapshot.endedEarly = true } }

    func recordRetry() { state.withLock { $0.snapshot.retries += 1 } }

    func markClosed(failure: String?) {
        state.withLock {
            $0.snapshot.closed = true
            if let failure { $0.snapshot.failure = failure }
        }
    }

    func record(latency: UInt64) {
        state.withLock {
            $0.snapshot.delivered += 1
            $0.latencies.append(latency)
        }
    }

    func recordVerification(matched: Bool) {
        state.withLock {
            if matched { $0.snapshot.verified = true } else { $0.snapshot.mismatches += 1 }
        }
    }

    /// Returns and clears the latencies recorded so far (and the delivered count with them).
    func takeLatencies() -> [UInt64] {
        state.withLock { state in
            defer {
                state.latencies = []
                state.snapshot.delivered = 0
            }
            return state.latencies
        }
    }
}
