/// The `conversation.removed` notification; `conversationId` repeats `id` for front ends that key
/// every event by conversation.
package struct ConversationRemovedView: Codable, Sendable, Equatable {
    package var id: String
    package var conversationId: String

    package init(id: String) {
        self.id = id
        self.conversationId = id
    }
}
