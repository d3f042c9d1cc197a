import DialogueSync
import Synchronization

/// Remembers how the connection to the server is, for `daemon.status`'s `connection`.
///
/// While the sync service runs, its WebSocket state is the truth; before that (locked, signed
/// out), "online" means the last REST call reached the server and "offline" that it did not.
/// A lock rather than an actor: `daemon.status` reads it on every call and should not wait for a
/// hop to another thread.
package final class ConnectionTracker: Sendable {
    private struct State {
        var status = ConnectionStatus(state: .offline)
        var ownedBySync = false
    }

    private let state = Mutex(State())

    package init() {}

    package var status: ConnectionStatus { state.withLock { $0.status } }

    /// Records the outcome of one server call: any answer proves the server reachable.
    package func record(_ error: DaemonError?) {
        state.withLock { state in
            guard !state.ownedBySync else { return }
            if let error, error.code == .offline {
                state.status = ConnectionStatus(state: .offline, lastError: error.message)
            } else {
                state.status = ConnectionStatus(state: .online)
            }
        }
    }

    /// The sync service's view; `nil` hands the status back to REST calls (sync stopped).
    package func syncReported(_ status: ConnectionStatus?) {
        state.withLock { state in
            state.ownedBySync = status != nil
            state.status = status ?? ConnectionStatus(state: .offline)
        }
    }
}
