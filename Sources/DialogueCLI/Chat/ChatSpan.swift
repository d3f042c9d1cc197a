/// A run of text in one style; rows are made of spans so widths are measured before styling.
struct ChatSpan: Sendable, Equatable {
    /// What a span means; ``Style`` turns it into colour (or nothing, without colour).
    enum Role: Sendable, Equatable {
        case plain, ink, muted, smoke, good, bad, highlight
        /// The title bar: Smoke White on Ink Blue.
        case bar
        /// A highlighted row in the focused list.
        case selected
    }

    var text: String
    var role: Role

    init(_ text: String, _ role: Role = .plain) {
        self.text = text
        self.role = role
    }
}
