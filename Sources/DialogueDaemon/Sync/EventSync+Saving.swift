import DialogueRPC
import DialogueStore

/// Saving a batch of synced events: one transaction for its messages and cursor, then the unread
/// counts, the index and front ends, in the events' order.
extension EventSync {
    /// Saves the open batch's messages with its cursor in one transaction, then counts and indexes
    /// them and tells front ends.
    /// - Returns: The cursor saved, `nil` when no event finished.
    static func saveBatch(in session: isolated AccountSession) async throws(DaemonError) -> Int64? {
        guard let batch = session.syncBatch, let cursor = batch.cursor else {
            session.syncBatch = nil
            return nil
        }
        do {
            // The batch stays readable until it is saved, so a local change made meanwhile starts
            // from it.
            try await session.store.apply(messages: batch.writes, meta: [], cursor: cursor)
        } catch {
            session.syncBatch = nil
            throw DaemonError("Saving synced messages failed", store: error)
        }
        // Local writes made while it was saved replaced the batch's copies.
        let saved = session.syncBatch ?? batch
        session.syncBatch = nil
        session.noteSaved(saved.writes)
        await announce(saved, in: session)
        return cursor
    }

    /// Tells front ends what the batch changed, in one hop to the broadcaster. A received message
    /// with an image is announced once the image is here (the download runs in the background).
    /// Desktop alerts are one per conversation (``BatchAlerts``).
    private static func announce(_ batch: SyncWriteBatch, in session: isolated AccountSession) async {
        var events: [LocalEvent] = []
        var alerts = BatchAlerts()
        for announcement in batch.announcements {
            switch announcement {
            case .publish(let event):
                events.append(event)
            case .arrived(let staged, let alert, let attachment):
                let message = batch.message(staged.id) ?? staged
                if let attachment,
                    await session.downloads.enqueue(
                        attachment, kind: "an attachment",
                        completion: { [session] _ in await arrived(message, alert: alert, in: session) })
                {
                    continue
                }
                events.append(.messageNew(session.messageView(message)))
                if alert { alerts.add(message) }
            }
        }
        await session.broadcaster.publish(events)
        for alert in alerts.alerts {
            await session.notifyDesktop(alert.newest, among: alert.count)
        }
    }

    /// `message.new` for a received message whose image came, and its desktop alert.
    private static func arrived(_ message: CachedMessage, alert: Bool, in session: isolated AccountSession) async {
        await session.publish(.messageNew(session.messageView(message)))
        if alert { await session.notifyDesktop(message) }
    }
}
