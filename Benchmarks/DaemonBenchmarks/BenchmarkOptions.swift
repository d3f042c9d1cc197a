/// Command-line options of `DaemonBenchmarks`; every count is bounded so that a run ends by itself.
struct BenchmarkOptions: Sendable {
    /// Which scenarios to run, by name.
    var scenarios: Set<String> = ["index-build", "search", "index-update", "rpc", "catch-up"]
    /// Messages in the generated history.
    var messages = 100_000
    /// Conversations the history is spread over.
    var conversations = 200
    /// Timed searches per scope.
    var searches = 2000
    /// Timed round trips per RPC measurement.
    var rpcCalls = 20_000
    /// Messages the catch-up scenario sends while the receiver is off.
    var backlog = 10_000
    /// How many times the catch-up scenario replays the same backlog into the same starting state.
    var catchUpRuns = 5
    /// Seed of the generated history, so every run searches the same text.
    var seed: UInt64 = 0x00D1_A106

    static let usage = """
        usage: DaemonBenchmarks [--only index-build,search,index-update,rpc,catch-up] [--messages 100000]
               [--conversations 200] [--searches 2000] [--rpc-calls 20000] [--backlog 10000] [--catch-up-runs 5] [--seed N]
        """

    /// Parses `--name value` pairs; returns nil (after printing why) on a bad argument or `--help`.
    static func parse(_ arguments: [String]) -> BenchmarkOptions? {
        var options = BenchmarkOptions()
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if name == "--help" || name == "-h" {
                print(usage)
                return nil
            }
            guard index + 1 < arguments.count, options.apply(name: name, value: arguments[index + 1]) else {
                print("bad option \(name)\n\(usage)")
                return nil
            }
            index += 2
        }
        return options
    }

    private mutating func apply(name: String, value: String) -> Bool {
        switch name {
        case "--only":
            scenarios = Set(value.split(separator: ",").map(String.init))
        case "--messages":
            guard let count = Int(value), (1...1_000_000).contains(count) else { return false }
            messages = count
        case "--conversations":
            guard let count = Int(value), (1...100_000).contains(count) else { return false }
            conversations = count
        case "--searches":
            guard let count = Int(value), (1...1_000_000).contains(count) else { return false }
            searches = count
        case "--rpc-calls":
            guard let count = Int(value), (100...1_000_000).contains(count) else { return false }
            rpcCalls = count
        case "--backlog":
            guard let count = Int(value), (10...100_000).contains(count) else { return false }
            backlog = count
        case "--catch-up-runs":
            guard let count = Int(value), (1...100).contains(count) else { return false }
            catchUpRuns = count
        case "--seed":
            guard let seed = UInt64(value) else { return false }
            self.seed = seed
        default:
            return false
        }
        return true
    }
}
