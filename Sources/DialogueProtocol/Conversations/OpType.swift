import DialogueSchema

/// The kinds of signed conversation operation (`spec/e2ee.md`).
public enum OpType: String, Codable, Hashable, Sendable, CaseIterable {
    case create
    case add
    case remove
    case setRole = "set_role"
    case rekey
    case leave

    /// Every op except LEAVE starts a new epoch.
    public var startsEpoch: Bool { self != .leave }
}

extension OpType: SchemaDescribing, SchemaComponent {
    package static let schemaDescription: String? =
        "The kinds of signed conversation operation. Every type except `leave` starts a new epoch."
}
