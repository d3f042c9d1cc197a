import DialogueStore

extension MessageCorpus {
    /// The batch size `LocalStore.forEachMessage` hands out at unlock.
    static let batchSize = 2000

    /// A fresh index holding the whole corpus, filled the way the daemon fills it at unlock:
    /// batch after batch, then one merge of the trigram index.
    func buildIndex() async throws -> SearchIndex {
        let index = try SearchIndex()
        for start in stride(from: 0, to: entries.count, by: Self.batchSize) {
            try await index.upsert(Array(entries[start..<min(start + Self.batchSize, entries.count)]))
        }
        try await index.optimize()
        return index
    }
}
