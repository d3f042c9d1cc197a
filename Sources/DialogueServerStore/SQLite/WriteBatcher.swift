import GRDB
import Logging

/// Group commit: writes that arrive while a transaction is being written wait and then share the
/// next one, so durable throughput is not bounded by one fsync per request.
///
/// Each write runs in its own savepoint inside the shared transaction, so one failing write rolls
/// back alone. Callers resume only after the transaction commits, and the batch's events reach the
/// ``EventSink`` in commit order before the next batch starts.
actor WriteBatcher {
    private struct Completion: Sendable {
        var events: [CommittedEvent]
        var resume: @Sendable () -> Void
    }

    private struct PendingWrite: Sendable {
        var execute: @Sendable (Database) -> Completion
        var fail: @Sendable (any Error) -> Void
    }

    private let writer: DatabasePool
    private let sink: any EventSink
    private let logger: Logger
    private var queue: [PendingWrite] = []
    private var draining = false

    init(writer: DatabasePool, sink: any EventSink, logger: Logger) {
        self.writer = writer
        self.sink = sink
        self.logger = logger
    }

    /// Runs `body` in the next group transaction and returns its result once that has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database, inout EventRecorder) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = PendingWrite(
                execute: { db in
                    var recorder = EventRecorder()
                    var value: T?
                    do {
                        try db.inSavepoint {
                            value = try body(db, &recorder)
                            return .commit
                        }
                    } catch {
                        return Completion(events: [], resume: { continuation.resume(throwing: error) })
                    }
                    let result = value
                    return Completion(
                        events: recorder.committed,
                        resume: {
                            if let result {
                                continuation.resume(returning: result)
                            } else {
                                continuation.resume(throwing: ServerStoreError.notFound("The result"))
                            }
                        }
                    )
                },
                fail: { continuation.resume(throwing: $0) }
            )
            self.enqueue(job)
        }
    }

    private func enqueue(_ job: PendingWrite) {
        queue.append(job)
        guard !draining else { return }
        draining = true
        Task { await self.drain() }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            do {
                let completions = try await writer.write { db in batch.map { $0.execute(db) } }
                let events = completions.flatMap(\.events)
                if !events.isEmpty { await sink.publish(events) }
                for completion in completions { completion.resume() }
            } catch {
                logger.error("group commit failed", metadata: ["error": "\(error)", "writes": "\(batch.count)"])
                for job in batch { job.fail(error) }
            }
        }
        draining = false
    }
}
