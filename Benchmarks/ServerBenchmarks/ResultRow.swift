/// One line of the results table: a measured figure and, where the issue sets one, its target.
struct ResultRow: Sendable {
    var scenario: String
    var metric: String
    var value: String
    var target: String = ""
    /// "met", "missed" or empty when there is no target.
    var verdict: String = ""

    static func verdict(_ met: Bool) -> String { met ? "met" : "missed" }
}
