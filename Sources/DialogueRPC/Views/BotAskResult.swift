/// The `bot.ask` result: the id its `bot.token` and `bot.done` notifications carry.
package struct BotAskResult: Codable, Sendable, Equatable {
    package var requestId: String

    package init(requestId: String) {
        self.requestId = requestId
    }
}
