import DialogueRPC

extension ChatConnection {
    /// The chat's copy of the daemon's connection object; a retry shows in whole seconds.
    init(_ view: ConnectionView) {
        self.init(
            state: view.state.rawValue, retryInSeconds: view.retryInSeconds.map { Int($0.rounded(.up)) },
            lastError: view.lastError)
    }
}
