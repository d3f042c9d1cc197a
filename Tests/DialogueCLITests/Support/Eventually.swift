/// Waits for something asynchronous (a delivery, a state change) by asking again every 100 ms
/// until it holds or `timeout` passes, so no test sleeps a fixed time and hopes.
///
/// - Returns: The first non-`nil` answer of `check`, or `nil` when time ran out.
func eventually<Value>(
    timeout: Duration = .seconds(30), _ check: () async throws -> Value?
) async throws -> Value? {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await check() { return value }
        guard ContinuousClock.now < deadline else { return nil }
        try await Task.sleep(for: .milliseconds(100))
    }
}

/// ``eventually(timeout:_:)`` for a yes/no condition: whether it came to hold in time.
func waitFor(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    try await eventually(timeout: timeout) { try await condition() ? true : nil } ?? false
}
