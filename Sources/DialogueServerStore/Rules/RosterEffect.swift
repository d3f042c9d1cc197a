import DialogueProtocol

/// The visible roster change an accepted op makes, for a store to write.
enum RosterEffect: Sendable, Equatable {
    case add([String], role: MemberRole)
    /// A removal by the admin, or a member leaving.
    case remove(String)
    case setRole(String, MemberRole)
    /// A REKEY: a new group avatar when it names one.
    case avatar(String?)

    /// Who stops being a member.
    var removed: [String] {
        if case .remove(let id) = self { return [id] }
        return []
    }
}
