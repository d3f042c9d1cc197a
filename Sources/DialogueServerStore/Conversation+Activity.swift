import DialogueProtocol

extension [Conversation] {
    /// Newest activity first (a message or a roster change), then by id: the order both stores
    /// list conversations in.
    func sortedByActivity() -> [Conversation] {
        sorted { lhs, rhs in
            let left = Swift.max(lhs.updatedAt, lhs.lastMessage?.createdAt ?? lhs.updatedAt)
            let right = Swift.max(rhs.updatedAt, rhs.lastMessage?.createdAt ?? rhs.updatedAt)
            return left != right ? left > right : lhs.id < rhs.id
        }
    }
}
