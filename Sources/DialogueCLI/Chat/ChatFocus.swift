/// Which pane keys go to when no mode (search, assistant, a picker) takes them first.
enum ChatFocus: Sendable, Equatable {
    /// The conversation list: arrows choose, Enter opens.
    case list
    /// The open conversation's messages: arrows choose one to reply to, edit, delete or react to.
    case messages
    /// The composer: keys type, Enter sends.
    case composer
}
