import Foundation

/// Command-line options of `ServerBenchmarks`; every count and duration is bounded so that a run
/// always ends by itself.
struct BenchmarkOptions: Sendable {
    /// The `dialogue-server` binary; found next to this executable when not given.
    var serverPath: String?
    /// Which scenarios to run: `send`, `fanout`, `idle`.
    var scenarios: Set<String> = ["send", "fanout", "idle"]
    /// Concurrent HTTP senders tried for the durable-send scenario.
    var sendConcurrency: [Int] = [1, 64, 256]
    var sendSeconds: Double = 10
    /// Group sizes for the fan-out scenario.
    var groupSizes: [Int] = [10, 100]
    /// Concurrent HTTP senders (group members) driving the fan-out peak.
    var fanOutSenders: Int = 16
    var fanOutSeconds: Double = 8
    /// Idle connection counts measured, ascending.
    var idleCounts: [Int] = [1000, 5000]
    /// Distinct accounts the idle connections are spread over (several devices per account).
    var idleUsers: Int = 100
    /// Size of each message's opaque envelope.
    var envelopeBytes: Int = 256
    /// The server's `--log-level`; `warning` keeps per-request logging out of the measurement.
    var serverLogLevel = "warning"

    static let usage = """
        usage: ServerBenchmarks [--server PATH] [--only send,fanout,idle]
               [--send-concurrency 1,64,256] [--send-seconds 10]
               [--group-sizes 10,100] [--fanout-senders 16] [--fanout-seconds 8]
               [--idle-counts 1000,5000] [--idle-users 100] [--envelope-bytes 256]
               [--server-log-level warning]
        """

    /// Parses `--name value` pairs; returns nil (after printing why) on a bad argument.
    static func parse(_ arguments: [String]) -> BenchmarkOptions? {
        var options = BenchmarkOptions()
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if name == "--help" || name == "-h" {
                print(usage)
                return nil
            }
            guard index + 1 < arguments.count else {
                print("missing value for \(name)\n\(usage)")
                return nil
            }
            let value = arguments[index + 1]
            index += 2
            guard options.apply(name: name, value: value) else {
                print("bad option \(name) \(value)\n\(usage)")
                return nil
            }
        }
        return options
    }

    private mutating func apply(name: String, value: String) -> Bool {
        switch name {
        case "--server": serverPath = value
        case "--only": scenarios = Set(value.split(separator: ",").map(String.init))
        case "--send-concurrency": return Self.integers(value).map { sendConcurrency = $0 } != nil
        case "--send-seconds": return Self.seconds(value).map { sendSeconds = $0 } != nil
        case "--group-sizes": return Self.integers(value).map { groupSizes = $0 } != nil
        case "--fanout-senders": return Self.integers(value).map { fanOutSenders = $0[0] } != nil
        case "--fanout-seconds": return Self.seconds(value).map { fanOutSeconds = $0 } != nil
        case "--idle-counts": return Self.integers(value).map { idleCounts = $0.sorted() } != nil
        case "--idle-users": return Self.integers(value).map { idleUsers = $0[0] } != nil
        case "--envelope-bytes": return Self.integers(value).map { envelopeBytes = $0[0] } != nil
        case "--server-log-level": serverLogLevel = value
        default: return false
        }
        return true
    }

    /// A comma-separated list of positive integers of at most 100 000 (the harness's bound).
    private static func integers(_ text: String) -> [Int]? {
        let values = text.split(separator: ",").compactMap { Int($0) }
        guard !values.isEmpty, values.allSatisfy({ (1...100_000).contains($0) }) else { return nil }
        return values
    }

    /// A duration of at most ten minutes.
    private static func seconds(_ text: String) -> Double? {
        guard let value = Double(text), value > 0, value <= 600 else { return nil }
        return value
    }
}
