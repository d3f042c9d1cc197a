import Foundation

/// Round trips on the daemon's socket against a plain echo floor measured with the same client;
/// start-up time to a ready socket; the daemon's resident memory when idle.
struct RPCLatencyScenario: BenchmarkScenario {
    let name = "rpc"

    func run(_ options: BenchmarkOptions) async throws -> [ResultRow] {
        let pair = try DaemonPair.make()
        defer { pair.stop() }
        try pair.send(50, prefix: "history")

        let echoPath = "/tmp/db-echo-\(UUID().uuidString.prefix(6)).sock"
        let echo = try EchoServer(path: echoPath)
        defer { echo.stop() }
        let echoClient = try LineSocket(path: echoPath)
        let statusLine = pair.ada.request("daemon.status")
        let floor = try Self.measure(options.rpcCalls) { _ = try echoClient.roundTrip(statusLine) }
        let status = try Self.measure(options.rpcCalls) { try pair.ada.roundTrip(statusLine) }
        let listLine = pair.ada.request("messages.list", ["conversationId": pair.conversationId, "limit": 50])
        let list = try Self.measure(max(options.rpcCalls / 4, 100)) { try pair.ada.roundTrip(listLine) }

        // Idle: nothing happening for a few seconds, the cache holding 50 messages.
        try await Task.sleep(for: .seconds(3))
        let idle = Double(pair.ada.child?.residentBytes ?? 0) / 1_048_576
        let idleAnonymous = Double(pair.ada.child?.anonymousResidentBytes ?? 0) / 1_048_576

        var starts: [Duration] = []
        for _ in 0..<5 {
            let fresh = try BenchDaemon(name: "start")
            starts.append(try fresh.start())
            fresh.remove()
        }
        let start = LatencySummary(starts)
        let statusMicros = (status.p50 * 1000, status.p99 * 1000)
        return [
            ResultRow(scenario: name, metric: "echo floor (same client)", value: Self.micros(floor)),
            ResultRow(
                scenario: name, metric: "daemon.status round trip", value: Self.micros(status),
                target: "p50 ≤ 50 µs, p99 ≤ 200 µs",
                verdict: statusMicros.0 <= 50 && statusMicros.1 <= 200 ? .met : .missed),
            ResultRow(scenario: name, metric: "messages.list (50) round trip", value: Self.micros(list)),
            ResultRow(
                scenario: name, metric: "start to socket ready (key-file unlock)",
                value: "p50 \(Format.milliseconds(start.p50)), max \(Format.milliseconds(start.max))",
                target: "≤ 200 ms", verdict: start.p50 <= 200 ? .met : .missed),
            ResultRow(
                scenario: name, metric: "idle RSS (signed in, syncing)", value: String(format: "%.1f MiB", idle),
                target: "≤ 30 MB", verdict: idle * 1.048576 <= 30 ? .met : .missed),
            ResultRow(
                scenario: name, metric: "of which anonymous (heap and stacks)",
                value: String(format: "%.1f MiB", idleAnonymous)),
        ]
    }

    static func measure(_ count: Int, _ body: () throws -> Void) throws -> LatencySummary {
        for _ in 0..<min(count / 10, 1000) { try body() }
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let began = clock.now
            try body()
            samples.append(clock.now - began)
        }
        return LatencySummary(samples)
    }

    static func micros(_ summary: LatencySummary) -> String {
        String(format: "p50 %.0f µs, p99 %.0f µs (n = %d)", summary.p50 * 1000, summary.p99 * 1000, summary.count)
    }
}
