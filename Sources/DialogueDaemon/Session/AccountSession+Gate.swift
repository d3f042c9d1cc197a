/// One change at a time: sync events, outbox sends and local group operations all advance the same
/// E2EE state, which must see them in one order. Reads do not take the gate.
extension AccountSession {
    func serialized<T: Sendable>(_ body: () async throws(DaemonError) -> T) async throws(DaemonError) -> T {
        if gateBusy {
            await withCheckedContinuation { gateWaiters.append($0) }
        } else {
            gateBusy = true
        }
        defer {
            if gateWaiters.isEmpty { gateBusy = false } else { gateWaiters.removeFirst().resume() }
        }
        return try await body()
    }
}
