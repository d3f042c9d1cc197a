import DialogueProtocol
import DialogueRPC
import DialogueSync

/// The sync service's view of a running session: events go to the session's applier, the
/// connection's state to `daemon.status` and the `connection` notification. It is the boundary
/// where a ``DaemonError`` becomes the sync domain's ``SyncApplyError``, once.
struct AccountSyncConsumer: SyncConsumer {
    let session: AccountSession
    let tracker: ConnectionTracker

    var deviceId: String {
        get async { await session.deviceId }
    }

    func apply(_ event: SyncEvent) async throws(SyncApplyError) {
        if let failure = await apply(batch: [event]).failure { throw failure }
    }

    /// The sync reader checks each event's signatures as it arrives, unless the applier got to
    /// the event first (``SignaturesAhead``).
    func prepare(_ event: SyncEvent) {
        EventSync.checkAhead(event, in: session)
    }

    /// The events are applied in order and saved with the cursor in one transaction.
    func apply(batch events: [SyncEvent]) async -> SyncBatchOutcome {
        await EventSync.apply(batch: events, in: session)
    }

    func refetchState(cursor: Int64) async throws(SyncApplyError) {
        do throws(DaemonError) {
            try await EventSync.refetchState(cursor: cursor, in: session)
        } catch {
            throw SyncApplyError(error)
        }
    }

    func received(typing: Bool, userId: String, conversationId: String) async {
        await LiveRelay.received(typing: typing, userId: userId, conversationId: conversationId, in: session)
    }

    func received(presence: [PresenceEntry]) async {
        await LiveRelay.received(presence: presence, in: session)
    }

    func connectionChanged(_ status: ConnectionStatus) async {
        tracker.syncReported(status)
        await session.publish(.connection(ConnectionView(status, server: session.account.server.absoluteString)))
    }

    func setLiveConnection(_ send: (@Sendable (ClientFrame) async -> Void)?) async {
        if send == nil { session.signaturesAhead.removeAll() }
        await LiveRelay.setConnection(send, in: session)
    }
}
