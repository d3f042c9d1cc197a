/// `bot.ask`: Ask the assistant; tokens stream as bot.token, then bot.done.
package struct BotAskRequest: LocalRequest {
    package typealias Response = BotAskResult
    package static let method = "bot.ask"
    package static let summary = "Ask the assistant; tokens stream as bot.token, then bot.done."

    package var prompt: String

    package init(prompt: String) {
        self.prompt = prompt
    }
}
