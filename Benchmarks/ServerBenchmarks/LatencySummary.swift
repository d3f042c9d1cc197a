/// Percentiles of a set of latencies, in milliseconds.
struct LatencySummary: Sendable {
    var count: Int
    var p50: Double
    var p99: Double
    var max: Double

    /// - Parameter nanoseconds: Raw samples; sorted here.
    init(nanoseconds: [UInt64]) {
        let sorted = nanoseconds.sorted()
        count = sorted.count
        func percentile(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return Double(sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]) / 1e6
        }
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        max = sorted.last.map { Double($0) / 1e6 } ?? .nan
    }
}
