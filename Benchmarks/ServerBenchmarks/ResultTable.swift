/// Prints result rows as a Markdown table, ready to paste into `docs/benchmarks-server.md`.
enum ResultTable {
    static func render(_ rows: [ResultRow]) -> String {
        var lines = [
            "| scenario | metric | result | target | verdict |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in rows {
            lines.append("| \(row.scenario) | \(row.metric) | \(row.value) | \(row.target) | \(row.verdict) |")
        }
        return lines.joined(separator: "\n")
    }
}
