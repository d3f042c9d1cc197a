/// The `bot.token` notification: the next piece of a streaming answer.
package struct BotTokenView: Codable, Sendable, Equatable {
    package var requestId: String
    package var text: String

    package init(requestId: String, text: String) {
        self.requestId = requestId
        self.text = text
    }
}
