/// How far a consumer got with a batch of consecutive events.
package struct SyncBatchOutcome: Sendable, Equatable {
    /// The sequence number of the last event stored, `nil` when none was.
    package var appliedThrough: Int64?
    /// Why the event after `appliedThrough` could not be applied now (it and the rest of the
    /// batch are asked for again after reconnecting); `nil` when the whole batch was stored.
    package var failure: SyncApplyError?

    package init(appliedThrough: Int64?, failure: SyncApplyError? = nil) {
        self.appliedThrough = appliedThrough
        self.failure = failure
    }
}
