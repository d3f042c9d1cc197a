import DialogueSync

/// Remembers how the connection to the server is, for `daemon.status`'s `connection`.
///
/// While the sync service runs, its WebSocket state is the truth; before that (locked, signed
/// out), "online" means the last REST call reached the server and "offline" that it did not.
package actor ConnectionTracker {
    package private(set) var status = ConnectionStatus(state: .offline)
    private var ownedBySync = false

    package init() {}

    /// Records the outcome of one server call: any answer proves the server reachable.
    package func record(_ error: DaemonError?) {
        guard !ownedBySync else { return }
        if let error, error.code == .offline {
            status = ConnectionStatus(state: .offline, lastError: error.message)
        } else {
            status = ConnectionStatus(state: .online)
        }
    }

    /// The sync service's view; `nil` hands the status back to REST calls (sync stopped).
    package func syncReported(_ status: ConnectionStatus?) {
        ownedBySync = status != nil
        self.status = status ?? ConnectionStatus(state: .offline)
    }
}
