import DialogueRPC
import DialogueStore
import Foundation

/// The one write path for messages: the cache, the search index and the unread counts change
/// together, and a write that applies a synced event saves its cursor in the same transaction.
extension AccountSession {
    /// Saves messages, updates the index and the unread counts, and tells front ends.
    /// - Parameter fromSync: the write applies the event being synced, so it also saves its cursor.
    func store(_ messages: [CachedMessage], notify event: ((MessageView) -> LocalEvent)?, fromSync: Bool = false)
        async throws(DaemonError)
    {
        let cursor = fromSync ? pendingCursor : nil
        do {
            try await store.apply(messages: messages, meta: [], cursor: cursor)
        } catch {
            throw DaemonError("Saving messages failed", store: error)
        }
        if cursor != nil { pendingCursor = nil }
        for message in messages {
            tally.note(message)
            if message.deleted {
                try? await search.remove(messageIds: [message.id])
            } else {
                try? await search.upsert([SearchEntry(message)])
            }
            if let event { await publish(event(messageView(message))) }
        }
    }

    func cachedMessage(_ id: String) async throws(DaemonError) -> CachedMessage? {
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
