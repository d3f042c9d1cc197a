import DialogueRPC

/// CHAT and USER arguments resolved against the daemon's lists.
extension Session {
    /// The conversation id for a CHAT argument, opening the direct chat when it names a person.
    ///
    /// When the daemon cannot list conversations yet (-32601), the argument is taken as an id, so
    /// the error the user sees is about the command's own method.
    func conversationID(for query: String) async throws -> String {
        guard let conversations = try await optionalList(ConversationsListRequest(filter: "all")) else {
            return query
        }
        // The people list may need the server (slow while it is away): skip it when one
        // conversation is named exactly.
        if let id = ChatResolver.exactConversation(query, conversations: conversations) { return id }
        let users = try await optionalList(UsersListRequest(query: Self.peopleQuery(query))) ?? []
        switch try ChatResolver.resolveChat(query, conversations: conversations, users: users) {
        case .conversation(let id):
            return id
        case .user(let userID):
            return try await call(ConversationsOpenRequest(userId: userID)).id
        }
    }

    /// The user id for a USER argument.
    func userID(for query: String) async throws -> String {
        try await person(for: query).id
    }

    /// The user id and display name for a USER argument (the name as typed when the daemon has none).
    func person(for query: String) async throws -> (id: String, name: String) {
        guard let users = try await optionalList(UsersListRequest(query: Self.peopleQuery(query))) else {
            return (query, query)
        }
        let id = try ChatResolver.resolveUser(query, users: users)
        return (id, users.first { $0.id == id }?.fullname ?? query)
    }

    /// An e-mail address is looked up (the daemon asks the server for its owner); anything else is
    /// matched against the whole list here.
    private static func peopleQuery(_ query: String) -> String? {
        query.contains("@") ? query : nil
    }

    /// Display names by id and the signed-in id, for showing senders; empty when unavailable.
    func people() async -> (names: [String: String], selfID: String?) {
        let users = (try? await call(UsersListRequest())) ?? []
        let names = Dictionary(users.map { ($0.id, $0.fullname) }, uniquingKeysWith: { first, _ in first })
        // From the daemon's cache: `account.me` would ask the server first.
        let selfID = (try? await call(DaemonStatusRequest()))?.account?.id
        return (names, selfID)
    }

    /// The formatter for this session, with sender names when `withPeople`.
    func formatter(withPeople: Bool = false) async -> OutputFormatter {
        var formatter = OutputFormatter(style: style, now: now)
        if withPeople, !options.json {
            (formatter.names, formatter.selfID) = await people()
        }
        return formatter
    }

    /// A list, or `nil` when the daemon does not implement the method yet.
    private func optionalList<Request: LocalRequest>(_ request: Request) async throws -> Request.Response? {
        do {
            return try await call(request)
        } catch let failure as MethodFailure where failure.error.code == .methodNotFound {
            return nil
        }
    }
}
