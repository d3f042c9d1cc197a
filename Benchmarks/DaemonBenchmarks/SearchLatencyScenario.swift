import DialogueStore

/// `messages.search` latency on a full index: the `recent` window (the newest 1000) and `all`
/// (every message), each over the same mix of queries, one after another.
struct SearchLatencyScenario: BenchmarkScenario {
    let name = "search"
    static let recentTargetMs = 5.0
    static let allTargetMs = 20.0

    func run(_ options: BenchmarkOptions) async throws -> [ResultRow] {
        let corpus = MessageCorpus(messages: options.messages, conversations: options.conversations, seed: options.seed)
        let index = try await corpus.buildIndex()
        let queries = BenchmarkQuery.mix.map { query in
            let conversation = query.conversationRank.map { "conversation-\(min(options.conversations - 1, $0))" }
            return (query, SearchQuery(query.text, conversationId: conversation))
        }
        var rows: [ResultRow] = []
        for (scope, target) in [(SearchQuery.Scope.recent, Self.recentTargetMs), (.all, Self.allTargetMs)] {
            var samples: [Duration] = []
            var cpuSamples: [Duration] = []
            var byQuery = [[Duration]](repeating: [], count: queries.count)
            var cpuByQuery = [[Duration]](repeating: [], count: queries.count)
            var hits = [Int](repeating: 0, count: queries.count)
            let clock = ContinuousClock()
            for (position, (_, query)) in queries.enumerated() {
                var scoped = query
                scoped.scope = scope
                hits[position] = try await index.search(scoped).count  // warm-up, not timed
            }
            for round in 0..<options.searches {
                let position = round % queries.count
                var scoped = queries[position].1
                scoped.scope = scope
                let cpuStart = ProcessUsage.cpuTime()
                let start = clock.now
                _ = try await index.search(scoped)
                let elapsed = clock.now - start
                let cpu = ProcessUsage.cpuTime() - cpuStart
                samples.append(elapsed)
                cpuSamples.append(cpu)
                byQuery[position].append(elapsed)
                cpuByQuery[position].append(cpu)
            }
            let summary = LatencySummary(samples)
            let cpuSummary = LatencySummary(cpuSamples)
            rows.append(
                ResultRow(
                    scenario: name,
                    metric: "\(scope.rawValue): p50 / p99 over the mix (\(summary.count) searches)",
                    value: "\(Format.milliseconds(summary.p50)) / \(Format.milliseconds(summary.p99))",
                    target: "p99 ≤ \(Format.milliseconds(target))",
                    verdict: summary.p99 <= target ? .met : .missed
                )
            )
            rows.append(
                ResultRow(
                    scenario: name,
                    metric: "\(scope.rawValue): CPU time per search, p50 / p99",
                    value: "\(Format.milliseconds(cpuSummary.p50)) / \(Format.milliseconds(cpuSummary.p99))"
                )
            )
            for (position, (query, _)) in queries.enumerated() {
                let perQuery = LatencySummary(byQuery[position])
                let cpu = LatencySummary(cpuByQuery[position])
                rows.append(
                    ResultRow(
                        scenario: name,
                        metric: "\(scope.rawValue): \(query.label) “\(query.text)”, \(hits[position]) hits",
                        value: "\(Format.milliseconds(perQuery.p50)) / \(Format.milliseconds(perQuery.p99))"
                            + " (CPU p50 \(Format.milliseconds(cpu.p50)))"
                    )
                )
            }
        }
        return rows
    }
}
