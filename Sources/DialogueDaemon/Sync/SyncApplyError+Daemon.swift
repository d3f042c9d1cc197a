import DialogueSync

extension SyncApplyError {
    /// A daemon failure while applying an event, as the sync service needs it: its sentence for
    /// the connection's `lastError`, and the server's `Retry-After` when it asked to slow down.
    init(_ error: DaemonError) {
        self.init(
            error.message, retryAfter: error.code == .rateLimited ? error.retryAfter.map(Double.init) : nil)
    }
}
