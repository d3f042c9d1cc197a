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
        do throws(DaemonError) {
            try await EventSync.apply(event, in: session)
        } catch {
            throw SyncApplyError(error)
        }
    }

    /// The batch's signatures are checked on every core first; the events are then applied in
    /// order, each stored with its cursor as by ``apply(_:)``.
    func apply(batch events: [SyncEvent]) async -> SyncBatchOutcome {
        await EventSync.checkSignatures(of: events, in: session)
        let outcome = await applyInOrder(events)
        await EventSync.forgetSignatureChecks(in: session)
        return outcome
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
        await LiveRelay.setConnection(send, in: session)
    }
}
