import DialogueSystemd
import ServiceLifecycle

/// Keeps `systemctl --user status dialogued` truthful: a `STATUS=` line whenever the daemon's
/// state changes (locked, unlocked and online, offline), and `STOPPING=1` when shutdown begins.
struct SystemdStatusService: Service {
    let notifier: SystemdNotifier
    let keyStore: KeyStoreController
    let connection: ConnectionTracker

    /// The current one-line status.
    func describe() async -> String {
        if await keyStore.isLocked { return "locked: run `dialogue unlock`" }
        let status = connection.status
        switch status.state {
        case .online: return "unlocked, online"
        case .connecting: return "unlocked, catching up"
        case .offline: return "unlocked, offline" + (status.lastError.map { " (\($0))" } ?? "")
        }
    }

    func run() async throws {
        var last = await describe()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            let now = await describe()
            if now != last {
                notifier.status(now)
                last = now
            }
        }
        notifier.stopping()
    }
}
