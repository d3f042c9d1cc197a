/// The `bot.done` notification: the answer is complete, or `error` says why it stopped.
package struct BotDoneView: Codable, Sendable, Equatable {
    package var requestId: String
    package var error: String?

    package init(requestId: String, error: String? = nil) {
        self.requestId = requestId
        self.error = error
    }
}
