/// `messages.send`: Queue a message durably in the outbox; returns it with state pending.
package struct MessagesSendRequest: LocalRequest {
    package typealias Response = MessageView
    package static let method = "messages.send"
    package static let summary = "Queue a message durably in the outbox; returns it with state pending."

    package var conversationId: String
    package var text: String?
    package var attachmentPath: String?
    package var replyTo: String?

    package init(conversationId: String, text: String? = nil, attachmentPath: String? = nil, replyTo: String? = nil) {
        self.conversationId = conversationId
        self.text = text
        self.attachmentPath = attachmentPath
        self.replyTo = replyTo
    }
}
