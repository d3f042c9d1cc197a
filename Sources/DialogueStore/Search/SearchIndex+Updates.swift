import GRDB

/// Keeping the index current: the daemon calls these as messages arrive, change and go.
extension SearchIndex {
    /// Adds or replaces messages; an edited text replaces the old one, a deleted message leaves.
    /// Re-upserting an unchanged message (after a reaction or a read mark) changes nothing.
    package func upsert(_ entries: [SearchEntry]) async throws(StoreError) {
        guard !entries.isEmpty else { return }
        try await write("index messages") { db in try Self.upsert(entries, in: db) }
    }

    /// ``upsert(_:)`` without waiting. The entries are written in the background, together with
    /// those that follow within ``PendingEntries/quiet`` (up to ``PendingEntries/limit``): FTS5
    /// writes a segment per transaction, so a backlog indexed in a few large ones costs far less
    /// than one per batch, and none of it is on the applier's path. Every read or write of the
    /// index writes what is pending first, so a search made after this call sees the entries.
    /// `failed` hears of an error.
    package func enqueueUpsert(_ entries: [SearchEntry], failed: @escaping @Sendable (StoreError) -> Void) {
        guard !entries.isEmpty else { return }
        let (due, schedule) = pending.withLock { $0.add(entries, failed: failed) }
        if let due { write(due) }
        guard schedule else { return }
        Task { [self] in
            while true {
                let seen = pending.withLock { $0.generation }
                try? await Task.sleep(for: PendingEntries.quiet)
                if let quiet = pending.withLock({ $0.takeIfQuiet(since: seen) }) {
                    if let due = quiet { write(due) }
                    return
                }
            }
        }
    }

    /// Writes what is pending, ahead of whatever is queued after this call.
    func writePending() {
        if let due = pending.withLock({ $0.takeAll() }) { write(due) }
    }

    private func write(_ due: PendingEntries.Due) {
        queue.asyncWrite(
            { db in try Self.upsert(due.entries, in: db) },
            completion: { _, result in
                if case .failure(let error) = result {
                    due.failed(StoreError(.searchIndexFailed, "the search index could not index messages: \(error)"))
                }
            })
    }

    private static func upsert(_ entries: [SearchEntry], in db: Database) throws {
        var folder = TextFolder()
        for entry in entries {
            let existing = try stored(messageId: entry.messageId, in: db)
            if entry.deleted {
                if let existing { try delete(existing, in: db) }
                continue
            }
            let createdAt = milliseconds(entry.createdAt)
            if let existing, existing.createdAt == createdAt {
                if existing.text != entry.text || existing.conversationId != entry.conversationId {
                    var new = existing
                    new.conversationId = entry.conversationId
                    new.text = entry.text
                    new.folded = folder.fold(entry.text)
                    try update(existing, to: new, in: db)
                }
                continue
            }
            if let existing { try delete(existing, in: db) }
            try insertInOrder(
                StoredEntry(
                    key: 0, messageId: entry.messageId, conversationId: entry.conversationId, createdAt: createdAt,
                    text: entry.text, folded: folder.fold(entry.text)),
                in: db
            )
        }
    }

    package func remove(messageIds: [String]) async throws(StoreError) {
        guard !messageIds.isEmpty else { return }
        try await write("remove messages") { db in
            for id in messageIds {
                if let existing = try Self.stored(messageId: id, in: db) { try Self.delete(existing, in: db) }
            }
        }
    }

    /// Forgets a conversation the account left or lost.
    package func removeConversation(_ conversationId: String) async throws(StoreError) {
        try await write("remove a conversation") { db in
            try Self.deleteAll(where: "conversation_id = ?", [conversationId], in: db)
        }
    }

    /// Empties the index, for `daemon.lock`: the tables are dropped and the database vacuumed, so
    /// with `secure_delete` the freed pages are zeroed and handed back rather than kept.
    package func removeAll() async throws(StoreError) {
        _ = pending.withLock { $0.takeAll() }
        do {
            try await queue.writeWithoutTransaction { db in
                try db.inTransaction {
                    try db.execute(sql: "DROP TABLE entry_trigram; DROP TABLE entry_fts; DROP TABLE entry")
                    try Self.createSchema(db)
                    return .commit
                }
                try db.execute(sql: "VACUUM")
            }
        } catch {
            throw StoreError(.searchIndexFailed, "the search index could not be emptied: \(error)")
        }
    }

    /// Merges the trigram index into one segment (about 0.15 s for 100 000 messages). Call it once
    /// after a bulk load, the build at unlock: otherwise FTS5 finishes that merging in bursts
    /// during later single writes, some of which then take milliseconds instead of microseconds.
    package func optimize() async throws(StoreError) {
        try await write("merge its segments") { db in
            try db.execute(sql: "INSERT INTO entry_fts (entry_fts) VALUES ('optimize')")
        }
    }

    /// How many messages the index holds.
    package func count() async throws(StoreError) -> Int {
        try await read("count messages") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry") ?? 0 }
    }
}
