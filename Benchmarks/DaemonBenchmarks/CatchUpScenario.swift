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
        // Every run starts from the same stopped state, with the same backlog on the server: the
        // spread between runs on this machine is larger than most changes worth measuring.
        let before = try pair.grace.snapshotData()
        var seconds: [Double] = []
        var daemonCPU: [Double] = []
        var serverCPU: [Double] = []
        var rss = 0.0
        for run in 0..<options.catchUpRuns {
            if run > 0 { try pair.grace.restoreData(from: before) }
            let clock = ContinuousClock()
            let serverBefore = pair.server.child.cpuSeconds
            let began = clock.now
            try pair.grace.start()
            try pair.grace.waitUntil(seconds: 900, "Grace to catch up") {
                ((try pair.grace.status()["cache"] as? [String: Any])?["messages"] as? Int ?? 0) >= options.backlog
            }
            let elapsed = clock.now - began
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            rss = max(rss, Double(pair.grace.child?.residentBytes ?? 0) / 1_048_576)
            daemonCPU.append(pair.grace.child?.cpuSeconds ?? 0)
            serverCPU.append(pair.server.child.cpuSeconds - serverBefore)
            pair.grace.stop()
        }
        let rates = seconds.map { Double(options.backlog) / $0 }.sorted()
        let median = rates[rates.count / 2]
        return [
            ResultRow(
                scenario: name, metric: "catch-up of \(options.backlog) events, median of \(rates.count) runs",
                value: String(format: "%.0f events/s (%.2f s)", median, Double(options.backlog) / median)),
            ResultRow(
                scenario: name, metric: "catch-up, every run",
                value: rates.map { String(format: "%.0f", $0) }.joined(separator: ", ") + " events/s"),
            ResultRow(
                scenario: name, metric: "CPU per event, median: the daemon (from its start) / the server",
                value: String(
                    format: "%.0f µs / %.0f µs", Self.median(daemonCPU) * 1e6 / Double(options.backlog),
                    Self.median(serverCPU) * 1e6 / Double(options.backlog))),
            ResultRow(
                scenario: name, metric: "RSS after catch-up (\(options.backlog) cached), highest",
                value: String(format: "%.1f MiB", rss)),
        ]
    }

    private static func median(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted()[values.count / 2]
    }
}
