/// `bot.cancel`: Stop a streaming answer; it ends with bot.done carrying an error.
package struct BotCancelRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "bot.cancel"
    package static let summary = "Stop a streaming answer; it ends with bot.done carrying an error."

    package var requestId: String

    package init(requestId: String) {
        self.requestId = requestId
    }
}
