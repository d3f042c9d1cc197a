/// The daemon's connection to the server, as `daemon.status` and `connection` events report it.
struct ChatConnection: Sendable, Equatable {
    /// `online`, `connecting`, `offline`, or `unknown` before the daemon said.
    var state = "unknown"
    var retryInSeconds: Int?
    var lastError: String?

    init(state: String = "unknown", retryInSeconds: Int? = nil, lastError: String? = nil) {
        self.state = state
        self.retryInSeconds = retryInSeconds
        self.lastError = lastError
    }
}
