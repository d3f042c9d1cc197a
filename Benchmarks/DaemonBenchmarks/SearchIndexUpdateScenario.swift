import DialogueStore
import Foundation

/// Keeping a full index current: what each arriving, edited or deleted message costs the daemon.
struct SearchIndexUpdateScenario: BenchmarkScenario {
    let name = "index-update"
    static let operations = 500

    func run(_ options: BenchmarkOptions) async throws -> [ResultRow] {
        let corpus = MessageCorpus(messages: options.messages, conversations: options.conversations, seed: options.seed)
        let index = try await corpus.buildIndex()
        var random = SeededGenerator(seed: options.seed &+ 1)
        let clock = ContinuousClock()
        let newest = corpus.entries.map(\.createdAt).max() ?? Date()

        var arrivals: [Duration] = []
        for number in 0..<Self.operations {
            let template = corpus.entries[Int(random.next() % UInt64(corpus.entries.count))]
            let entry = SearchEntry(
                messageId: "new-\(number)", conversationId: template.conversationId, text: template.text,
                createdAt: newest.addingTimeInterval(Double(number + 1)))
            arrivals.append(try await clock.measure { try await index.upsert([entry]) })
        }
        var edits: [Duration] = []
        for _ in 0..<Self.operations {
            var entry = corpus.entries[Int(random.next() % UInt64(corpus.entries.count))]
            entry.text += " (edited)"
            let edited = entry
            edits.append(try await clock.measure { try await index.upsert([edited]) })
        }
        var deletions: [Duration] = []
        for _ in 0..<Self.operations {
            let id = corpus.entries[Int(random.next() % UInt64(corpus.entries.count))].messageId
            deletions.append(try await clock.measure { try await index.remove(messageIds: [id]) })
        }
        return [
            ("a new message", arrivals), ("an edit of an older message", edits), ("a deletion", deletions),
        ].map { label, samples in
            let summary = LatencySummary(samples)
            return ResultRow(
                scenario: name,
                metric: "\(label), one at a time, p50 / p99 (\(summary.count) each)",
                value: "\(Format.milliseconds(summary.p50)) / \(Format.milliseconds(summary.p99))"
            )
        }
    }
}
