/// One emoji on a message.
package struct ReactionView: Codable, Sendable, Equatable {
    package var emoji: String
    package var count: Int
    /// Whether this account is among those who chose it.
    package var mine: Bool

    package init(emoji: String, count: Int, mine: Bool) {
        self.emoji = emoji
        self.count = count
        self.mine = mine
    }
}
