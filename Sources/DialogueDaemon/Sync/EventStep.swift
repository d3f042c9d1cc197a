import DialogueProtocol

/// What kind of work one logged server event asks for, read from its type and payload alone.
///
/// An event whose payload lacks what its type needs is `.ignore`d: it can never become
/// applicable, so the cursor moves past it.
enum EventStep: Hashable, Sendable {
    /// A conversation op to verify and add to its log (created, updated).
    case absorb(ConversationOp)
    /// This account was removed from a conversation: absorb the op, keep the history read-only.
    case removed(ConversationOp)
    /// The conversation is gone for everyone: drop it and its history.
    case forget(conversationId: String)
    case newMessage(Message)
    case editedMessage(Message)
    case deletedMessage(Message)
    case reaction(Reaction, conversationId: String)
    case seen(SeenReceipt)
    case userUpdated(User)
    /// A contact's keys changed: fetch and check them against the pin.
    case refreshKeys(userId: String)
    case ignore
}
