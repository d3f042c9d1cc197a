import Foundation

/// A daemon that was off while 10k messages arrived: how fast it verifies, decrypts and stores the
/// backlog when it comes back.
struct CatchUpScenario: BenchmarkScenario {
    let name = "catch-up"

    func run(_ options: BenchmarkOptions) async throws -> [ResultRow] {
        let pair = try DaemonPair.make()
        defer { pair.stop() }
        try pair.grace.waitUntil(seconds: 60, "Grace to see the conversation") {
            ((try pair.grace.status()["cache"] as? [String: Any])?["conversations"] as? Int) == 1
        }
        pair.grace.stop()
        try pair.send(options.backlog, prefix: "backlog")
        let clock = ContinuousClock()
        let began = clock.now
        try pair.grace.start()
        try pair.grace.waitUntil(seconds: 900, "Grace to catch up") {
            ((try pair.grace.status()["cache"] as? [String: Any])?["messages"] as? Int ?? 0) >= options.backlog
        }
        let elapsed = clock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rss = Double(pair.grace.child?.residentBytes ?? 0) / 1_048_576
        return [
            ResultRow(
                scenario: name, metric: "catch-up of \(options.backlog) events",
                value: String(format: "%.1f s, %.0f events/s", seconds, Double(options.backlog) / seconds)),
            ResultRow(
                scenario: name, metric: "RSS after catch-up (\(options.backlog) cached)",
                value: String(format: "%.1f MiB", rss)),
        ]
    }
}
