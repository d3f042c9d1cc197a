/// What front ends see of the connection (`daemon.status` and the `connection` notification).
public struct ConnectionStatus: Equatable, Sendable {
    public enum State: String, Sendable {
        case online
        case connecting
        case offline
    }

    public var state: State
    /// Seconds until the next attempt, while offline.
    public var retryInSeconds: Double?
    public var lastError: String?

    public init(state: State, retryInSeconds: Double? = nil, lastError: String? = nil) {
        self.state = state
        self.retryInSeconds = retryInSeconds
        self.lastError = lastError
    }
}
