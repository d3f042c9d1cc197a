/// Issue #2's third target: server memory per idle authenticated WebSocket connection.
///
/// Connections are spread round-robin over ``BenchmarkOptions/idleUsers`` fresh accounts (with
/// more connections than accounts, each account has several devices online). Each one says hello,
/// gets its replay, `ready` and the presence snapshot, then stays silent. The server's VmRSS is
/// read after it settles, and the growth over the baseline is divided by the connection count.
struct IdleConnectionScenario {
    let options: BenchmarkOptions

    static let targetKiBPerConnection = 20.0
    private static let wave = 200
    private static let settleSeconds = 3.0

    func run(server: ServerProcess, api: APIClient) async throws -> [ResultRow] {
        let accounts = try await api.signup(count: options.idleUsers)
        try await Task.sleep(for: .seconds(Self.settleSeconds))
        guard let baseline = server.residentKiB() else { throw BenchmarkError("cannot read the server's VmRSS") }
        var rows = [
            ResultRow(
                scenario: "idle connections",
                metric: "baseline RSS (\(accounts.count) accounts, no connection)",
                value: "\(Format.number(Double(baseline) / 1024)) MiB"
            )
        ]
        let connections = ConnectionSet(baseURL: server.baseURL)
        do {
            var opened = 0
            for count in options.idleCounts {
                while opened < count {
                    let upTo = min(count, opened + Self.wave)
                    for index in opened..<upTo {
                        connections.open(account: accounts[index % accounts.count], deviceId: "bench-idle-\(index)")
                    }
                    opened = upTo
                    try await connections.waitUntilReady(seconds: 120)
                }
                try await Task.sleep(for: .seconds(Self.settleSeconds))
                guard let resident = server.residentKiB() else {
                    throw BenchmarkError("cannot read the server's VmRSS")
                }
                guard connections.endedEarlyCount == 0 else {
                    throw BenchmarkError("\(connections.endedEarlyCount) idle connections were closed by the server")
                }
                let retries = connections.retries > 0 ? "; \(connections.retries) connects retried" : ""
                let perConnection = Double(resident - baseline) / Double(count)
                rows.append(
                    ResultRow(
                        scenario: "idle connections",
                        metric: "\(count) connections: RSS growth per connection",
                        value: "\(Format.number(perConnection)) KiB (RSS \(Format.number(Double(resident) / 1024)) MiB"
                            + "\(retries))",
                        target: "≤ 20 KB",
                        verdict: ResultRow.verdict(perConnection <= Self.targetKiBPerConnection)
                    )
                )
            }
        } catch {
            await connections.closeAll()
            throw error
        }
        await connections.closeAll()
        return rows
    }
}
