import DialogueStore

/// Building the index at unlock: every cached message, in the batches `LocalStore.forEachMessage`
/// hands out, then ``SearchIndex/optimize()`` (decrypting those cells is not part of this figure).
struct SearchIndexBuildScenario: BenchmarkScenario {
    let name = "index-build"

    func run(_ options: BenchmarkOptions) async throws -> [ResultRow] {
        let corpus = MessageCorpus(messages: options.messages, conversations: options.conversations, seed: options.seed)
        let before = ProcessUsage.residentBytes()
        let clock = ContinuousClock()
        let cpuBefore = ProcessUsage.cpuTime()
        let start = clock.now
        let index = try await corpus.buildIndex()
        let elapsed = clock.now - start
        let cpu = ProcessUsage.cpuTime() - cpuBefore
        let after = ProcessUsage.residentBytes()
        let count = try await index.count()
        let textBytes = corpus.entries.reduce(0) { $0 + $1.text.utf8.count }
        return [
            ResultRow(
                scenario: name, metric: "build, \(count) messages, batches of \(MessageCorpus.batchSize)",
                value: "\(Format.seconds(elapsed)) (CPU \(Format.seconds(cpu)))"),
            ResultRow(
                scenario: name,
                metric: "resident memory added (message text: \(Format.mebibytes(textBytes)))",
                value: Format.mebibytes(after - before)
            ),
        ]
    }
}
