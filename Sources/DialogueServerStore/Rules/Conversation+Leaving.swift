import DialogueProtocol

extension Conversation {
    /// What a member who has just left (or been removed) is answered, from a remaining member's
    /// view: the roster without them, but no unread count or last message, which they can no
    /// longer read.
    var asLeft: Conversation {
        var left = self
        left.unread = 0
        left.lastMessage = nil
        return left
    }
}
