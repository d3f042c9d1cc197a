import DialogueRPC

/// Turns what a person types for CHAT or USER (an id, a group name, an e-mail or a name) into ids.
///
/// Pure: it works on the `conversations.list` and `users.list` views it is given, so every rule
/// (exact beats partial, ambiguity lists the candidates) is tested without a daemon.
enum ChatResolver {
    /// Where a CHAT argument leads.
    enum Target: Equatable {
        /// An existing conversation.
        case conversation(String)
        /// A person: the direct conversation is opened (`conversations.open`) first.
        case user(String)
    }

    /// One match, as shown when the argument is ambiguous.
    struct Candidate: Equatable {
        var target: Target
        var label: String
    }

    /// The one conversation whose id or whole name (any case) is `query`, or `nil`.
    static func exactConversation(_ query: String, conversations: [ConversationView]) -> String? {
        let needle = query.lowercased()
        let matches = conversations.filter { $0.id == query || $0.name.lowercased() == needle }
        guard matches.count == 1 else { return nil }
        return matches[0].id
    }

    /// Resolves a CHAT argument.
    static func resolveChat(_ query: String, conversations: [ConversationView], users: [UserView]) throws -> Target {
        if conversations.contains(where: { $0.id == query }) { return .conversation(query) }
        if users.contains(where: { $0.id == query }) { return .user(query) }
        // An exact e-mail address names one person: their direct chat when there is one.
        if let person = users.first(where: { $0.email?.lowercased() == query.lowercased() }) {
            return person.conversationId.map(Target.conversation) ?? .user(person.id)
        }
        let conversationCandidates = conversations.map { conversation -> (Candidate, [String]) in
            let label = (conversation.isGroup ? "group " : "chat with ") + conversation.name + " (\(conversation.id))"
            return (Candidate(target: .conversation(conversation.id), label: label), [conversation.name])
        }
        let conversationNames = Set(conversationCandidates.flatMap { $0.1.map { $0.lowercased() } })
        // A person who already has a direct chat under their name is that chat, not a second candidate.
        let userCandidates = users.map(userCandidate).filter { candidate in
            !candidate.1.contains { conversationNames.contains($0.lowercased()) }
        }
        return try pick(
            query, from: conversationCandidates + userCandidates, kind: "chat", hint: emailHint(query, users: users))
    }

    /// Resolves a USER argument (a user id, e-mail or name) to a user id.
    static func resolveUser(_ query: String, users: [UserView]) throws -> String {
        if users.contains(where: { $0.id == query }) { return query }
        let target = try pick(
            query, from: users.map(userCandidate), kind: "person", hint: emailHint(query, users: users))
        guard case .user(let id) = target else { return query }
        return id
    }

    private static func userCandidate(_ user: UserView) -> (Candidate, [String]) {
        var keys = [user.fullname]
        var label = user.fullname
        if let email = user.email {
            keys.append(email)
            label += " <\(email)>"
        }
        return (Candidate(target: .user(user.id), label: label + " (\(user.id))"), keys)
    }

    /// Why an e-mail address matched nobody: the server finds people by exact address only (it
    /// lists none), and only while it can be reached.
    private static func emailHint(_ query: String, users: [UserView]) -> String? {
        guard query.contains("@"), !users.contains(where: { $0.email != nil }) else { return nil }
        return "nobody has that address (or the server cannot be reached to look it up): check it, or use the name"
    }

    /// Exact (case-insensitive) matches win; otherwise a unique partial match; otherwise an error.
    private static func pick(
        _ query: String, from candidates: [(Candidate, [String])], kind: String, hint: String? = nil
    ) throws -> Target {
        let needle = query.lowercased()
        let exact = candidates.filter { $0.1.contains { $0.lowercased() == needle } }.map(\.0)
        let matches =
            exact.isEmpty ? candidates.filter { $0.1.contains { $0.lowercased().contains(needle) } }.map(\.0) : exact
        if matches.count == 1 { return matches[0].target }
        if matches.isEmpty {
            throw CLIFailure(message: "no \(kind) matches “\(query)”" + (hint.map { "; " + $0 } ?? ""), exitCode: 8)
        }
        let list = matches.prefix(8).map(\.label).joined(separator: "; ")
        throw CLIFailure(
            message: "“\(query)” matches \(matches.count) \(kind)s: \(list); use an id or a longer name",
            exitCode: CLIFailure.usageExitCode)
    }
}
