import Foundation

// Benchmarks for the daemon's own work (search index, RPC round trips, catch-up, memory); see
// docs/benchmarks.md. Build in release:
//   swift build -c release --product DaemonBenchmarks
// then run `DaemonBenchmarks --help`.
guard let options = BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst())) else { exit(2) }
let scenarios: [any BenchmarkScenario] = [
    SearchIndexBuildScenario(),
    SearchLatencyScenario(),
    SearchIndexUpdateScenario(),
    RPCLatencyScenario(),
    CatchUpScenario(),
]
var rows: [ResultRow] = []
for scenario in scenarios where options.scenarios.contains(scenario.name) {
    print("== \(scenario.name)")
    do {
        let result = try await scenario.run(options)
        for row in result { print("  \(row.metric): \(row.value)") }
        rows += result
    } catch {
        print("\(scenario.name) failed: \(error)")
        exit(1)
    }
}
print()
print(ResultTable.render(rows))
exit(rows.contains { $0.verdict == .missed } ? 1 : 0)
