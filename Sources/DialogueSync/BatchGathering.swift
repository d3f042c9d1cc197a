import DialogueProtocol

/// When the applier waits a moment for more frames before applying what it took.
///
/// A batch is one transaction and one hop to front ends, so during a backlog larger batches cost
/// far less per event; a live event must not wait at all. Two signs say a backlog is streaming:
/// the server has not yet said `ready` (the replay after hello), or a take was already large.
/// The wait is short and happens once per batch, so it bounds what it can cost.
package struct BatchGathering: Sendable, Equatable {
    /// The most frames applied as one batch.
    package var limit: Int
    /// A take of at least this many frames means a backlog is streaming even after `ready`.
    package var threshold: Int

    package init(limit: Int, threshold: Int) {
        self.limit = limit
        self.threshold = threshold
    }

    /// Whether to wait for more frames after taking `frames`.
    /// - Parameter replaying: The connection is still replaying (no `ready` handled yet).
    package func waits(after frames: [ServerFrame], replaying: Bool) -> Bool {
        guard frames.count < limit else { return false }
        if frames.count >= threshold { return true }
        // A replay that ends within this take has nothing more to wait for.
        return replaying && !frames.contains { if case .ready = $0 { true } else { false } }
    }
}
