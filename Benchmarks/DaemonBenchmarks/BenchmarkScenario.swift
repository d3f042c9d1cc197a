/// One measured situation; `main.swift` runs the ones `--only` selects, in list order.
protocol BenchmarkScenario: Sendable {
    /// The name `--only` selects it by.
    var name: String { get }
    func run(_ options: BenchmarkOptions) async throws -> [ResultRow]
}
