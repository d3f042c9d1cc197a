import DialogueProtocol

extension SyncConsumer {
    package func prepare(_ event: SyncEvent) {}

    /// One event at a time, for a consumer with nothing to gain from a batch.
    package func apply(batch events: [SyncEvent]) async -> SyncBatchOutcome {
        await applyInOrder(events)
    }

    /// Applies the events one at a time with ``apply(_:)``, stopping at the first failure.
    package func applyInOrder(_ events: [SyncEvent]) async -> SyncBatchOutcome {
        var applied: Int64?
        for event in events {
            do throws(SyncApplyError) {
                try await apply(event)
                applied = event.seq
            } catch {
                return SyncBatchOutcome(appliedThrough: applied, failure: error)
            }
        }
        return SyncBatchOutcome(appliedThrough: applied)
    }
}
