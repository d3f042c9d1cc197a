/// `messages.delete`: Soft-delete an own message.
package struct MessagesDeleteRequest: LocalRequest {
    package typealias Response = MessageView
    package static let method = "messages.delete"
    package static let summary = "Soft-delete an own message."

    package var messageId: String

    package init(messageId: String) {
        self.messageId = messageId
    }
}
