/// Prints result rows as a Markdown table, ready to paste into `docs/benchmarks.md`.
enum ResultTable {
    static func render(_ rows: [ResultRow]) -> String {
        var lines = [
            "| Scenario | Measurement | Result | Target | Verdict |",
            "|---|---|---|---|---|",
        ]
        for row in rows {
            lines.append("| \(row.scenario) | \(row.metric) | \(row.value) | \(row.target) | \(row.verdict.rawValue) |")
        }
        return lines.joined(separator: "\n")
    }
}
