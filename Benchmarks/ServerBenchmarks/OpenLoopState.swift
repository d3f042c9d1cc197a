import Synchronization

/// Shared counters of an open-loop phase: its sends run as independent child tasks.
final class OpenLoopState: Sendable {
    let inFlight = Atomic<Int>(0)
    let results = Mutex(LoadResult())

    /// Reserves a slot for one more outstanding send; false when `limit` are already out.
    func reserve(limit: Int) -> Bool {
        if inFlight.wrappingAdd(1, ordering: .relaxed).newValue <= limit { return true }
        inFlight.wrappingSubtract(1, ordering: .relaxed)
        return false
    }

    func finish(acknowledged: Bool, latency: UInt64) {
        inFlight.wrappingSubtract(1, ordering: .relaxed)
        results.withLock {
            if acknowledged {
                $0.acknowledged += 1
                $0.ackLatencies.append(latency)
            } else {
                $0.failed += 1
            }
        }
    }

    func reject() { results.withLock { $0.failed += 1 } }
}
