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

        // Idle after all that: nothing happening for a few seconds, the cache holding 50 messages.
        try await Task.sleep(for: .seconds(3))
        let busy = Self.memory(of: pair.ada)

        // Idle as the anchors define it (D5): a cold start, the first sync, then nothing.
        pair.ada.stop()
        try pair.ada.start()
        try pair.ada.waitUntil(seconds: 30, "the first sync") {
            ((try pair.ada.status()["connection"] as? [String: Any])?["state"] as? String) == "online"
        }
        try await Task.sleep(for: .seconds(3))
        let cold = Self.memory(of: pair.ada)

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
                scenario: name, metric: "idle RSS after a cold start and the first sync", value: cold.summary,
                target: "≤ 30 MB", verdict: cold.megabytes <= 30 ? .met : .missed),
            ResultRow(scenario: name, metric: "  its largest parts (MiB)", value: cold.parts),
            ResultRow(scenario: name, metric: "idle RSS after the calls above", value: busy.summary),
            ResultRow(scenario: name, metric: "  its largest parts (MiB)", value: busy.parts),
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

    /// Resident memory of an idle daemon: the total, its anonymous part, and the largest mappings.
    struct Memory {
        var resident: Int
        var anonymous: Int
        var largest: [(name: String, bytes: Int)]

        var megabytes: Double { Double(resident) / 1_000_000 }
        var summary: String {
            String(
                format: "%.1f MiB (%.1f MB), of which anonymous %.1f MiB", Double(resident) / 1_048_576, megabytes,
                Double(anonymous) / 1_048_576)
        }
        var parts: String {
            largest.prefix(10).map { String(format: "%@ %.1f", $0.name, Double($0.bytes) / 1_048_576) }
                .joined(separator: ", ")
        }
    }

    static func memory(of daemon: BenchDaemon) -> Memory {
        Memory(
            resident: daemon.child?.residentBytes ?? 0, anonymous: daemon.child?.anonymousResidentBytes ?? 0,
            largest: daemon.child?.residentBytesByMapping ?? [])
    }

    static func micros(_ summary: LatencySummary) -> String {
        String(format: "p50 %.0f µs, p99 %.0f µs (n = %d)", summary.p50 * 1000, summary.p99 * 1000, summary.count)
    }
}
