/// The server connection, in `daemon.status` and the `connection` notification; `server` is
/// `null` (present) before any account or server is configured.
package struct ConnectionView: Codable, Sendable, Equatable {
    package enum State: String, Codable, Sendable, CaseIterable {
        case online, connecting, offline
    }

    package var state: State
    package var server: String?
    /// Seconds until the next connect attempt, while offline.
    package var retryInSeconds: Double?
    /// Why the last attempt failed, in words fit for a person.
    package var lastError: String?

    package init(state: State, server: String?, retryInSeconds: Double? = nil, lastError: String? = nil) {
        self.state = state
        self.server = server
        self.retryInSeconds = retryInSeconds
        self.lastError = lastError
    }

    private enum CodingKeys: String, CodingKey {
        case state, server, retryInSeconds, lastError
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(server, forKey: .server)
        try container.encodeIfPresent(retryInSeconds, forKey: .retryInSeconds)
        try container.encodeIfPresent(lastError, forKey: .lastError)
    }
}
