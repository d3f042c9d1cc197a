/// What a send phase did: acknowledged and failed sends, wall time, and acknowledgement latencies.
struct LoadResult: Sendable {
    var acknowledged = 0
    var failed = 0
    var seconds = 0.0
    /// HTTP round trip of each acknowledged send (request start to `201`), in nanoseconds.
    var ackLatencies: [UInt64] = []

    var rate: Double { seconds > 0 ? Double(acknowledged) / seconds : 0 }
}
