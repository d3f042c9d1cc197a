/// Issue #2's first target: durable messages per second accepted over HTTP.
///
/// Accounts are paired into two-member groups (each message is appended to both members' event
/// logs, as for a direct chat); every acknowledgement follows an fsync'd group commit. No
/// WebSocket is open, so this is the write path alone.
struct SendThroughputScenario {
    let options: BenchmarkOptions

    static let target = 10_000.0

    func run(server: ServerProcess, api: APIClient, ids: IdSource) async throws -> [ResultRow] {
        let senders = max(2, options.sendConcurrency.max() ?? 2)
        let accounts = try await api.signup(count: senders + senders % 2)
        var targets: [SendTarget] = []
        for pair in 0..<(accounts.count / 2) {
            let first = accounts[2 * pair]
            let second = accounts[2 * pair + 1]
            let groupId = "bench-pair-\(pair)"
            try await api.createGroup(creator: first, id: groupId, participants: [second.id])
            targets.append(SendTarget(account: first, conversationId: groupId, deviceId: "bench-device-\(2 * pair)"))
            targets.append(
                SendTarget(account: second, conversationId: groupId, deviceId: "bench-device-\(2 * pair + 1)"))
        }
        // Warm-up: first use of every connection, statement cache and page.
        _ = await SendLoad.closedLoop(api: api, ids: ids, targets: targets, concurrency: senders, seconds: 1)

        var rows: [ResultRow] = []
        var best = 0.0
        for concurrency in options.sendConcurrency {
            let before = CPUSample.take(serverPID: server.pid)
            let result = await SendLoad.closedLoop(
                api: api,
                ids: ids,
                targets: targets,
                concurrency: concurrency,
                seconds: options.sendSeconds
            )
            let cpu = CPUSample.take(serverPID: server.pid).note(since: before)
            let ack = LatencySummary(nanoseconds: result.ackLatencies)
            best = max(best, result.rate)
            let failed = result.failed > 0 ? ", \(result.failed) failed" : ""
            rows.append(
                ResultRow(
                    scenario: "durable send",
                    metric: "\(concurrency) concurrent sender\(concurrency == 1 ? "" : "s")",
                    value: "\(Format.number(result.rate)) msg/s; ack p50 \(Format.milliseconds(ack.p50)), "
                        + "p99 \(Format.milliseconds(ack.p99))\(failed); \(cpu)"
                )
            )
        }
        rows.append(
            ResultRow(
                scenario: "durable send",
                metric: "peak accepted",
                value: "\(Format.number(best)) msg/s",
                target: "≥ 10000 msg/s",
                verdict: ResultRow.verdict(best >= Self.target)
            )
        )
        return rows
    }
}
