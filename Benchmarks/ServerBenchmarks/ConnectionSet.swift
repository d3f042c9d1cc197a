import Logging

/// The benchmark's WebSocket connections to one server: opened one by one, closed all at once.
///
/// Each connection runs in its own task until the shared ``StopSignal`` fires, and ``closeAll()``
/// awaits every one of them, so no connection outlives its scenario.
final class ConnectionSet {
    let baseURL: String
    let logger: Logger
    private let stop = StopSignal()
    private(set) var receivers: [DeliveryReceiver] = []
    private var tasks: [Task<Void, Never>] = []

    init(baseURL: String) {
        self.baseURL = baseURL
        var logger = Logger(label: "server-benchmarks.ws")
        logger.logLevel = .critical
        self.logger = logger
    }

    /// Starts one connection for `account` as device `deviceId`.
    func open(account: Account, deviceId: String) {
        let receiver = DeliveryReceiver()
        receivers.append(receiver)
        let baseURL = baseURL
        let stop = stop
        let logger = logger
        tasks.append(
            Task {
                await MemberConnection.run(
                    baseURL: baseURL,
                    account: account,
                    deviceId: deviceId,
                    receiver: receiver,
                    stop: stop,
                    logger: logger
                )
            }
        )
    }

    /// Waits until every connection opened so far has received `ready`.
    /// - Throws: When one closed first (with its error) or `seconds` pass.
    func waitUntilReady(seconds: Double) async throws {
        let deadline = DeliveryMarker.now() + UInt64(seconds * 1e9)
        while true {
            let snapshots = receivers.map(\.snapshot)
            if let failed = snapshots.first(where: { $0.closed && !$0.ready }) {
                throw BenchmarkError("a WebSocket connection failed before ready: \(failed.failure ?? "closed")")
            }
            let ready = snapshots.filter(\.ready).count
            if ready == snapshots.count { return }
            guard DeliveryMarker.now() < deadline else {
                throw BenchmarkError("only \(ready) of \(snapshots.count) WebSocket connections got ready in time")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Connections that ended after `ready` while still wanted (an idle one should never).
    var endedEarlyCount: Int { receivers.filter { $0.snapshot.endedEarly }.count }

    /// Connection attempts repeated because a connection ended before `ready`.
    var retries: Int { receivers.reduce(0) { $0 + $1.snapshot.retries } }

    /// Benchmark messages delivered since the last ``takeLatencies()``, over all connections.
    var delivered: Int { receivers.reduce(0) { $0 + $1.snapshot.delivered } }

    /// All delivery latencies since the last call, and resets the delivered counts.
    func takeLatencies() -> [UInt64] { receivers.flatMap { $0.takeLatencies() } }

    /// Connections that verified a delivered frame with the wire types, and frames that disagreed.
    var verification: (verified: Int, mismatches: Int) {
        let snapshots = receivers.map(\.snapshot)
        return (snapshots.filter(\.verified).count, snapshots.reduce(0) { $0 + $1.mismatches })
    }

    /// Waits until `expected` deliveries have arrived or `seconds` pass; returns when it stopped.
    func drain(expected: Int, seconds: Double) async -> UInt64 {
        let deadline = DeliveryMarker.now() + UInt64(seconds * 1e9)
        while delivered < expected && DeliveryMarker.now() < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return DeliveryMarker.now()
    }

    /// Closes every connection and waits for all of them to end.
    func closeAll() async {
        stop.fire()
        for task in tasks { await task.value }
    }
}
