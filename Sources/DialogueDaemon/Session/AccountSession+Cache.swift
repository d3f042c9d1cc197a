import DialogueRPC
import DialogueStore
import Foundation

/// The one write path for messages: the cache, the search index and the unread counts change
/// together. The writes of synced events join the open ``SyncWriteBatch`` and are saved with its
/// cursor; every other write is saved at once.
extension AccountSession {
    /// Saves messages, updates the index and the unread counts, and tells front ends.
    /// - Parameter fromSync: the write applies the event being synced, so it joins the batch.
    func store(_ messages: [CachedMessage], notify event: ((MessageView) -> LocalEvent)?, fromSync: Bool = false)
        async throws(DaemonError)
    {
        if fromSync, syncBatch != nil {
            let announcements: [SyncWriteBatch.Announcement] =
                event.map { event in messages.map { .publish(event(messageView($0))) } } ?? []
            syncBatch?.stage(messages, announcing: announcements)
            return
        }
        do {
            try await store.apply(messages: messages, meta: [], cursor: nil)
        } catch {
            throw DaemonError("Saving messages failed", store: error)
        }
        for message in messages { syncBatch?.replace(with: message) }
        noteSaved(messages)
        if let event {
            for message in messages { await publish(event(messageView(message))) }
        }
    }

    /// Counts saved messages and keeps the search index current with them. The index is written
    /// on its own queue in order, without waiting (a search made afterwards sees the messages).
    func noteSaved(_ messages: [CachedMessage]) {
        for message in messages { tally.note(message) }
        // A deleted message's entry leaves the index.
        search.enqueueUpsert(messages.map(SearchEntry.init)) { [logger] error in
            logger.warning("a message was not indexed for search", metadata: ["error": "\(error)"])
        }
    }

    /// Tells front ends what a synced event changed: after its batch is saved, when one is open.
    func announce(_ event: LocalEvent) async {
        if syncBatch != nil {
            syncBatch?.announce(.publish(event))
        } else {
            await publish(event)
        }
    }

    func cachedMessage(_ id: String) async throws(DaemonError) -> CachedMessage? {
        if let staged = syncBatch?.message(id) { return staged }
        do {
            return try await store.message(id: id)
        } catch {
            throw DaemonError("The cache could not be read", store: error)
        }
    }

    func requireMessage(_ id: String) async throws(DaemonError) -> CachedMessage {
        guard let message = try await cachedMessage(id) else { throw DaemonError(.notFound, "No message \(id)") }
        return message
    }
}
