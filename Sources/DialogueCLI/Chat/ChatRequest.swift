import DialogueRPC

/// An RPC call the chat wants made, and what its answer is for.
struct ChatRequest: Sendable, Equatable {
    /// Why the call is made; the answer comes back to the model with it.
    enum Purpose: Sendable, Equatable {
        case subscribe, status, me, users, presence, conversations, botHistory
        case messages(conversationID: String, older: Bool)
        case send(conversationID: String, text: String, replyTo: String?)
        case edit(messageID: String, text: String)
        case delete(messageID: String)
        case react(messageID: String)
        case markRead(conversationID: String)
        case search(query: String)
        case ask(prompt: String)
    }

    var purpose: Purpose
    var method: String
    var params: JSONValue

    init(_ purpose: Purpose, _ method: String, _ params: JSONValue = [:]) {
        self.purpose = purpose
        self.method = method
        self.params = params
    }
}
