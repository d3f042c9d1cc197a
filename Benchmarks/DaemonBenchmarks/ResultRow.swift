/// One line of the final table.
struct ResultRow: Sendable {
    enum Verdict: String, Sendable {
        case met
        case missed
        /// Informational: no target.
        case none = "—"
    }

    var scenario: String
    var metric: String
    var value: String
    var target: String = "—"
    var verdict: Verdict = .none
}
