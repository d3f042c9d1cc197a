/// `typing.update`: Report a key press or a stop; the daemon debounces.
package struct TypingUpdateRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "typing.update"
    package static let summary = "Report a key press or a stop; the daemon debounces."

    package var conversationId: String
    package var typing: Bool

    package init(conversationId: String, typing: Bool) {
        self.conversationId = conversationId
        self.typing = typing
    }
}
