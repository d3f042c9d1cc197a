/// Why the chat ended.
enum ChatExit: Sendable, Equatable {
    /// `q` or Ctrl-C.
    case user
    /// The daemon went away; the command exits as when it is not running.
    case daemonClosed
}
