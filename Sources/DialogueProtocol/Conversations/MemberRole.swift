/// A member's role in a conversation.
public enum MemberRole: String, Codable, Hashable, Sendable, CaseIterable {
    case member
    case admin
}
