import Synchronization

/// Row counts of the messages and outbox tables: counted once when the store opens, then kept by
/// the writes that change them (after their transaction commits), so `daemon.status` reads no
/// database. Exact as long as this store is the only writer of its file, as in the daemon.
final class StoreCounters: Sendable {
    struct Counts: Sendable, Equatable {
        var messages: Int
        var outbox: Int
    }

    private let counts: Mutex<Counts>
    private let reads = Atomic<Int>(0)

    init(_ initial: Counts) { counts = Mutex(initial) }

    func add(messages: Int = 0, outbox: Int = 0) {
        guard messages != 0 || outbox != 0 else { return }
        counts.withLock {
            $0.messages += messages
            $0.outbox += outbox
        }
    }

    var current: Counts { counts.withLock { $0 } }

    func noteRead() { reads.add(1, ordering: .relaxed) }

    var messageReads: Int { reads.load(ordering: .relaxed) }
}
