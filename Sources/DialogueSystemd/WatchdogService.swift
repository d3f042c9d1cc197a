import ServiceLifecycle

/// Sends `WATCHDOG=1` at half the manager's period while the service group runs, so a hung
/// daemon is restarted by systemd. Without `WatchdogSec=` it simply waits for shutdown.
public struct WatchdogService: Service {
    let notifier: SystemdNotifier
    /// Called before each keep-alive; return false to skip it (the main loop is stuck).
    let isHealthy: @Sendable () async -> Bool

    public init(
        notifier: SystemdNotifier = SystemdNotifier(), isHealthy: @escaping @Sendable () async -> Bool = { true }
    ) {
        self.notifier = notifier
        self.isHealthy = isHealthy
    }

    public func run() async throws {
        guard let interval = notifier.watchdogInterval else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if await isHealthy() { notifier.watchdog() }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval / 2) }
        }
    }
}
