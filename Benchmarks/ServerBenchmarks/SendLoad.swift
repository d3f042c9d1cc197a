/// Drives `POST /api/messages/send/:id` either closed-loop (a fixed number of senders, each
/// waiting for its acknowledgement: finds the peak) or open-loop (a fixed arrival rate,
/// independent of how fast the server answers: measures latency at a chosen load).
enum SendLoad {
    /// `concurrency` senders cycle over `targets` for `seconds`.
    static func closedLoop(
        api: APIClient,
        ids: IdSource,
        targets: [SendTarget],
        concurrency: Int,
        seconds: Double
    ) async -> LoadResult {
        let start = DeliveryMarker.now()
        let end = start + UInt64(seconds * 1e9)
        let parts = await withTaskGroup(of: LoadResult.self) { group in
            for sender in 0..<concurrency {
                let target = targets[sender % targets.count]
                group.addTask {
                    var part = LoadResult()
                    while DeliveryMarker.now() < end {
                        let id = ids.messageId()
                        let began = DeliveryMarker.now()
                        let ok = await api.send(
                            conversationId: target.conversationId,
                            token: target.account.token,
                            deviceId: target.deviceId,
                            messageId: id
                        )
                        if ok {
                            part.acknowledged += 1
                            part.ackLatencies.append(DeliveryMarker.now() - began)
                        } else {
                            part.failed += 1
                        }
                    }
                    return part
                }
            }
            var parts: [LoadResult] = []
            for await part in group { parts.append(part) }
            return parts
        }
        return merge(parts, seconds: Double(DeliveryMarker.now() - start) / 1e9)
    }

    /// Starts sends at `rate` per second for `seconds`, at most `maxInFlight` outstanding;
    /// arrivals that find the cap reached are counted as failed (the server fell behind).
    static func openLoop(
        api: APIClient,
        ids: IdSource,
        targets: [SendTarget],
        rate: Double,
        seconds: Double,
        maxInFlight: Int = 2048
    ) async -> LoadResult {
        let state = OpenLoopState()
        let start = DeliveryMarker.now()
        let total = Int(rate * seconds)
        await withDiscardingTaskGroup { group in
            var issued = 0
            while issued < total {
                let due = min(total, Int(Double(DeliveryMarker.now() - start) / 1e9 * rate))
                while issued < due {
                    let target = targets[issued % targets.count]
                    issued += 1
                    guard state.reserve(limit: maxInFlight) else {
                        state.reject()
                        continue
                    }
                    group.addTask {
                        let id = ids.messageId()
                        let began = DeliveryMarker.now()
                        let ok = await api.send(
                            conversationId: target.conversationId,
                            token: target.account.token,
                            deviceId: target.deviceId,
                            messageId: id
                        )
                        state.finish(acknowledged: ok, latency: DeliveryMarker.now() - began)
                    }
                }
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        var result = state.results.withLock { $0 }
        result.seconds = Double(DeliveryMarker.now() - start) / 1e9
        return result
    }

    private static func merge(_ parts: [LoadResult], seconds: Double) -> LoadResult {
        var result = LoadResult(seconds: seconds)
        for part in parts {
            result.acknowledged += part.acknowledged
            result.failed += part.failed
            result.ackLatencies += part.ackLatencies
        }
        return result
    }
}
