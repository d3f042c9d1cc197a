import DialogueSchema

/// A member's role in a conversation.
public enum MemberRole: String, Codable, Hashable, Sendable, CaseIterable {
    case member
    case admin
}

extension MemberRole: SchemaDescribing, SchemaComponent {
    package static let schemaDescription: String? = "A member's role in a conversation."
}
