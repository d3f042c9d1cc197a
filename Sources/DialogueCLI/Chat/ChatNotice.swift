/// A one-line message for the user (an error, or what just happened) until the next key press.
struct ChatNotice: Sendable, Equatable {
    var text: String
    var isError: Bool
}
