import NIOConcurrencyHelpers

/// The server's live connections, so graceful shutdown can stop each one from reading.
final class ConnectionRegistry: Sendable {
    /// - Important: Only accessed under the lock.
    private struct State {
        var nextID = 1
        var connections: [Int: RPCConnection] = [:]
        var isShuttingDown = false
    }

    private let state = NIOLockedValueBox(State())

    /// A fresh connection id.
    func makeID() -> Int {
        self.state.withLockedValue { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Tracks a new connection; one that arrives during shutdown is told to stop reading at once.
    func add(_ connection: RPCConnection) {
        let isShuttingDown = self.state.withLockedValue { state in
            state.connections[connection.id] = connection
            return state.isShuttingDown
        }
        if isShuttingDown { connection.closeInput() }
    }

    func remove(_ connection: RPCConnection) {
        _ = self.state.withLockedValue { $0.connections.removeValue(forKey: connection.id) }
    }

    /// Stops every connection from reading new requests; answers in flight still go out.
    func shutDown() {
        let connections = self.state.withLockedValue { state in
            state.isShuttingDown = true
            return Array(state.connections.values)
        }
        for connection in connections { connection.closeInput() }
    }
}
