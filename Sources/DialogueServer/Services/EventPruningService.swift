import DialogueServerStore
import Foundation
import Logging
import ServiceLifecycle

/// Drops event-log entries older than the retention period once an hour; clients whose cursor
/// falls behind get `resync` and refetch state.
struct EventPruningService: Service {
    let store: any ServerStore
    let retentionSeconds: Double
    let clock: any ServerClock
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let pruned = try await store.pruneEvents(olderThan: clock.now().addingTimeInterval(-retentionSeconds))
                if pruned > 0 { logger.info("pruned old events", metadata: ["count": "\(pruned)"]) }
            } catch {
                logger.error("pruning the event log failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
