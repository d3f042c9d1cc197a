/// What went wrong in the chat, as a sentence: a failed call (with whether the daemon simply
/// lacks the method, so features can fall back or hide), or a terminal that cannot be taken over.
struct ChatFailure: Error, Sendable, Equatable {
    var message: String
    var methodNotFound = false
}
