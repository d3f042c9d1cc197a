import DialogueSync

/// Remembers how the last exchange with the server went, for `daemon.status`'s `connection`.
///
/// Until the sync engine runs its WebSocket, "online" means the last REST call reached the server
/// and "offline" that it did not (with the reason in `lastError`).
package actor ConnectionTracker {
    package private(set) var status = ConnectionStatus(state: .offline)

    package init() {}

    /// Records the outcome of one server call: any answer proves the server reachable.
    package func record(_ error: DaemonError?) {
        if let error, error.code == .offline {
            status = ConnectionStatus(state: .offline, lastError: error.message)
        } else {
            status = ConnectionStatus(state: .online)
        }
    }
}
