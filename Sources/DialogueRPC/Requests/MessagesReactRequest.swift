/// `messages.react`: Toggle an emoji reaction on a message.
package struct MessagesReactRequest: LocalRequest {
    package typealias Response = MessageView
    package static let method = "messages.react"
    package static let summary = "Toggle an emoji reaction on a message."

    package var messageId: String
    package var emoji: String

    package init(messageId: String, emoji: String) {
        self.messageId = messageId
        self.emoji = emoji
    }
}
