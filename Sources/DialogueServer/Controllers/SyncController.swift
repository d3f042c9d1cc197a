import DialogueServerStore
import Hummingbird
import HummingbirdWebSocket
import Logging

/// `GET /api/ws`: the authenticated event stream.
struct SyncController {
    let store: any ServerStore
    let hub: EventHub
    let configuration: ServerConfiguration
    let clock: any ServerClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.ws(
            "ws",
            shouldUpgrade: { _, context in
                _ = try context.requireUser()
                return .upgrade([:])
            },
            onUpgrade: { inbound, outbound, context in
                guard let userId = context.requestContext.userId else { return }
                var logger = context.logger
                logger[metadataKey: "user"] = .string(userId)
                let session = SyncSession(
                    userId: userId,
                    store: store,
                    hub: hub,
                    configuration: configuration,
                    clock: clock,
                    logger: logger
                )
                await session.run(inbound: inbound, outbound: outbound)
            }
        )
    }
}
