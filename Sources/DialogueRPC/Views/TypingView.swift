/// The `typing` notification: everyone typing in a conversation now (empty when nobody is).
package struct TypingView: Codable, Sendable, Equatable {
    package var conversationId: String
    package var userIds: [String]

    package init(conversationId: String, userIds: [String]) {
        self.conversationId = conversationId
        self.userIds = userIds
    }
}
