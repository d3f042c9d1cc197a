/// `bot.clear`: Forget the assistant conversation.
package struct BotClearRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "bot.clear"
    package static let summary = "Forget the assistant conversation."

    package init() {}
}
