import Foundation

// Benchmark harness for dialogue-server (issue #2, "Benchmarks"); see docs/benchmarks-server.md.
// Run it through Benchmarks/run-server-benchmarks.sh, which builds in release mode and raises
// the open-file limit for the idle-connection scenario.
let code = await BenchmarkRunner.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(code)
