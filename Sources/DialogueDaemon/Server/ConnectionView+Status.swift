import DialogueRPC
import DialogueSync

extension ConnectionView {
    /// What front ends see of the sync service's connection to `server`.
    init(_ status: ConnectionStatus, server: String?) {
        self.init(
            state: State(rawValue: status.state.rawValue) ?? .offline, server: server,
            retryInSeconds: status.retryInSeconds, lastError: status.lastError)
    }
}
