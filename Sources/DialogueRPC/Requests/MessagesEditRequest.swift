/// `messages.edit`: Edit the text of an own message within 15 minutes.
package struct MessagesEditRequest: LocalRequest {
    package typealias Response = MessageView
    package static let method = "messages.edit"
    package static let summary = "Edit the text of an own message within 15 minutes."

    package var messageId: String
    package var text: String

    package init(messageId: String, text: String) {
        self.messageId = messageId
        self.text = text
    }
}
