/// The stored reaction event.
public struct ReactionResponse: Codable, Hashable, Sendable {
    public var success: Bool
    public var reaction: Reaction

    public init(reaction: Reaction) {
        self.success = true
        self.reaction = reaction
    }
}
