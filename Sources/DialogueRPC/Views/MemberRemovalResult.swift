/// The `conversations.removeMember` result: the group after the removal, or `{}` when the member
/// removed was this account (that is leaving, whose result is `{}`).
package enum MemberRemovalResult: Codable, Sendable, Equatable {
    case removed(ConversationView)
    case left

    package init(from decoder: any Decoder) throws {
        let probe = try decoder.container(keyedBy: Probe.self)
        self = probe.contains(.id) ? .removed(try ConversationView(from: decoder)) : .left
    }

    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .removed(let view): try view.encode(to: encoder)
        case .left: try EmptyResult().encode(to: encoder)
        }
    }

    private enum Probe: String, CodingKey {
        case id
    }
}
