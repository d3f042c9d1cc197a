/// Issue #2's second target: messages delivered per second to N WebSocket members of one group,
/// with send-to-receive latency, at peak and at half of peak.
///
/// Every member holds one connection (the sender's own device gets the message too, as a
/// client's other devices would), and members send through `POST /api/messages/send`. Peak is
/// found closed-loop; half of peak is then offered open-loop at half the peak send rate.
struct FanOutScenario {
    let options: BenchmarkOptions
    let members: Int

    static let latencyTargetMilliseconds = 50.0

    func run(server: ServerProcess, api: APIClient, ids: IdSource) async throws -> [ResultRow] {
        let accounts = try await api.signup(count: members)
        guard let creator = accounts.first else { return [] }
        let groupId = "bench-group-\(members)"
        try await api.createGroup(creator: creator, id: groupId, participants: accounts.dropFirst().map(\.id))
        let targets = accounts.enumerated().map { index, account in
            SendTarget(account: account, conversationId: groupId, deviceId: "bench-device-\(index)")
        }
        let connections = ConnectionSet(baseURL: server.baseURL)
        for target in targets { connections.open(account: target.account, deviceId: target.deviceId) }
        do {
            let rows = try await measure(server: server, api: api, ids: ids, targets: targets, connections: connections)
            await connections.closeAll()
            return rows
        } catch {
            await connections.closeAll()
            throw error
        }
    }

    private func measure(
        server: ServerProcess,
        api: APIClient,
        ids: IdSource,
        targets: [SendTarget],
        connections: ConnectionSet
    ) async throws -> [ResultRow] {
        try await connections.waitUntilReady(seconds: 60)
        let senders = options.fanOutSenders

        // Warm-up, not recorded.
        let warm = await SendLoad.closedLoop(api: api, ids: ids, targets: targets, concurrency: senders, seconds: 1)
        _ = await connections.drain(expected: warm.acknowledged * members, seconds: 10)
        _ = connections.takeLatencies()

        let before = CPUSample.take(serverPID: server.pid)
        let start = DeliveryMarker.now()
        let peak = await SendLoad.closedLoop(
            api: api,
            ids: ids,
            targets: targets,
            concurrency: senders,
            seconds: options.fanOutSeconds
        )
        let peakRow = await phaseRow(
            "peak (\(senders) closed-loop senders)",
            load: peak,
            start: start,
            before: before,
            server: server,
            connections: connections,
            target: nil
        )

        let halfRate = max(1, peak.rate / 2)
        let halfBefore = CPUSample.take(serverPID: server.pid)
        let halfStart = DeliveryMarker.now()
        let half = await SendLoad.openLoop(
            api: api,
            ids: ids,
            targets: targets,
            rate: halfRate,
            seconds: options.fanOutSeconds
        )
        let halfRow = await phaseRow(
            "half of peak (\(Format.number(halfRate)) sends/s open-loop)",
            load: half,
            start: halfStart,
            before: halfBefore,
            server: server,
            connections: connections,
            target: Self.latencyTargetMilliseconds
        )
        let verification = connections.verification
        guard verification.mismatches == 0 else {
            throw BenchmarkError("\(verification.mismatches) delivered frames did not decode as the message sent")
        }
        return [peakRow, halfRow]
    }

    /// Waits for the phase's deliveries, then summarises them as one table row.
    private func phaseRow(
        _ label: String,
        load: LoadResult,
        start: UInt64,
        before: CPUSample,
        server: ServerProcess,
        connections: ConnectionSet,
        target: Double?
    ) async -> ResultRow {
        let expected = load.acknowledged * members
        let end = await connections.drain(expected: expected, seconds: 15)
        let cpu = CPUSample.take(serverPID: server.pid).note(since: before)
        let latencies = LatencySummary(nanoseconds: connections.takeLatencies())
        let deliveredRate = Double(latencies.count) / (Double(end - start) / 1e9)
        var notes = ""
        if load.failed > 0 { notes += "; \(load.failed) sends failed" }
        if latencies.count < expected { notes += "; \(expected - latencies.count) deliveries missing after 15 s" }
        var row = ResultRow(
            scenario: "fan-out N=\(members)",
            metric: label,
            value: "\(Format.number(load.rate)) sends/s → \(Format.number(deliveredRate)) deliveries/s; "
                + "latency p50 \(Format.milliseconds(latencies.p50)), p99 \(Format.milliseconds(latencies.p99)), "
                + "max \(Format.milliseconds(latencies.max))\(notes); \(cpu)"
        )
        if let target {
            row.target = "p99 ≤ \(Format.number(target)) ms"
            row.verdict = ResultRow.verdict(latencies.p99 <= target && latencies.count >= expected)
        }
        return row
    }
}
