import DialogueProtocol

/// What the sync service feeds: the signed-in account's event applier and its live state.
///
/// The service owns the connection and the cursor's rules (``SyncStateMachine``); the consumer
/// owns what an event means. Keeping this a protocol lets the service be tested against a real
/// server with a consumer whose applies fail on purpose.
package protocol SyncConsumer: Sendable {
    /// This device's id, sent in `hello`.
    var deviceId: String { get async }
    /// Applies one logged event and stores its sequence number with its effects. An event that
    /// can never apply (it does not verify) is stored as skipped; a failure that may pass (the
    /// server unreachable during a key fetch) throws, and the event is asked for again.
    func apply(_ event: SyncEvent) async throws(SyncApplyError)
    /// Applies consecutive events in order, as one batch where the consumer can (one transaction,
    /// signatures checked in parallel), stopping at the first that fails for a reason that may
    /// pass. Each stored event is stored with its effects, as by ``apply(_:)``. A default applies
    /// them one at a time.
    func apply(batch events: [SyncEvent]) async -> SyncBatchOutcome
    /// Called on the reader's task as each event arrives, once it is queued for the applier, and
    /// again by the applier for the events of a batch it waits to fill, for work that depends on
    /// the event alone (checking its signatures): it runs beside the applies of earlier events,
    /// may run twice or concurrently for one event, and the applier must not rely on it having
    /// run. A default does nothing.
    func prepare(_ event: SyncEvent)
    /// Refetches what the pruned log would have said, then stores `cursor`.
    func refetchState(cursor: Int64) async throws(SyncApplyError)
    /// A live typing frame (never logged).
    func received(typing: Bool, userId: String, conversationId: String) async
    /// A presence snapshot or change (never logged).
    func received(presence: [PresenceEntry]) async
    /// The connection changed state (front ends are told).
    func connectionChanged(_ status: ConnectionStatus) async
    /// The live connection came up with a frame sender, or went down (`nil`).
    func setLiveConnection(_ send: (@Sendable (ClientFrame) async -> Void)?) async
}
