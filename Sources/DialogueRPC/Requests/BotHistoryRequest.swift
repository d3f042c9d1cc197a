/// `bot.history`: The assistant conversation kept locally.
package struct BotHistoryRequest: LocalRequest {
    package typealias Response = [BotTurnView]
    package static let method = "bot.history"
    package static let summary = "The assistant conversation kept locally."

    package init() {}
}
