import AsyncHTTPClient
import Crypto
import DialogueProtocol
import DialogueServerStore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// The composition root: builds the whole server from a configuration so that the executable
/// and the tests run exactly the same thing.
package enum ServerApplication {
    /// - Parameters:
    ///   - clock: Time for the edit window, token expiry and rate limits; tests inject their own.
    ///   - onRunning: Called with the bound address once the server listens (`--port 0`).
    package static func build(
        configuration: ServerConfiguration,
        clock: any ServerClock = SystemClock(),
        logger: Logger,
        onRunning: @escaping @Sendable (SocketAddress?) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let secret: String
        if let configured = configuration.jwtSecret {
            secret = configured
        } else {
            secret = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
            logger.warning("development mode: using an ephemeral JWT secret; tokens end with this process")
        }
        let hub = EventHub(queueLimit: configuration.connectionQueueLimit)
        let store: any ServerStore
        var storeServices: [any Service] = []
        if let database = configuration.database {
            let postgres = try await PostgresServerStore.open(url: database, sink: hub, logger: logger)
            store = postgres
            storeServices = postgres.services
            logger.info("store: PostgreSQL", metadata: ["database": "\(database)"])
        } else {
            store = try SQLiteServerStore(directory: configuration.dataDirectory, sink: hub, logger: logger)
        }
        let assistantClient = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                timeout: .init(
                    connect: .seconds(configuration.assistant.connectTimeoutSeconds),
                    read: .seconds(configuration.assistant.readTimeoutSeconds)
                )
            )
        )
        let router = try await makeRouter(
            configuration: configuration,
            secret: secret,
            store: store,
            hub: hub,
            clock: clock,
            assistant: AssistantProxy(configuration: configuration.assistant, client: assistantClient, logger: logger)
        )
        let webSocket = WebSocketServerConfiguration(
            maxFrameSize: 1 << 20,
            autoPing: .enabled(timePeriod: .milliseconds(Int64(configuration.pingIntervalSeconds * 1000))),
            closeTimeout: .seconds(2)
        )
        var app = Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(ws: webSocket)),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "dialogue-server"
            ),
            onServerRunning: { channel in await onRunning(channel.localAddress) },
            logger: logger
        )
        app.addServices(storeServices)
        app.addServices(AssistantClientService(client: assistantClient))
        app.addServices(
            EventPruningService(
                store: store, retentionSeconds: configuration.eventRetentionSeconds, clock: clock, logger: logger)
        )
        return app
    }

    /// The routes and middleware, separate from the network so tests can list the routes.
    package static func makeRouter(
        configuration: ServerConfiguration,
        secret: String,
        store: any ServerStore,
        hub: EventHub,
        clock: any ServerClock,
        assistant: AssistantProxy? = nil
    ) async throws -> Router<AppRequestContext> {
        let tokens = await TokenService(
            secret: secret, lifetimeSeconds: configuration.tokenLifetimeSeconds, clock: clock)
        let hasher = PasswordHasher(cost: UInt8(configuration.bcryptCost))
        let limiter = RateLimiter(
            limit: configuration.authRateLimit,
            windowSeconds: configuration.authRateWindowSeconds,
            clock: clock
        )

        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: LimitsMiddleware(maxBodyBytes: configuration.maxBodyBytes))
        let api = router.group("api")
        HealthController(store: store).addRoutes(to: api)
        let auth = AuthController(
            store: store,
            tokens: tokens,
            hasher: hasher,
            decoyHash: try await hasher.decoyHash(),
            clock: clock
        )
        auth.addPublicRoutes(to: api.group("auth").add(middleware: RateLimitMiddleware(limiter: limiter)))
        let signedIn = api.group().add(middleware: AuthMiddleware(tokens: tokens))
        auth.addRoutes(to: signedIn.group("auth"))
        AssistantController(
            proxy: assistant,
            configuration: configuration.assistant,
            limiter: RateLimiter(limit: configuration.assistant.requestsPerMinute, windowSeconds: 60, clock: clock)
        )
        .addRoutes(to: signedIn.group("auth"))
        MessageController(store: store, hub: hub, limits: configuration.messageLimits, clock: clock)
            .addRoutes(to: signedIn.group("messages"))
        ConversationController(store: store, clock: clock).addRoutes(to: signedIn.group("conversations"))
        KeyController(store: store, clock: clock).addRoutes(to: signedIn.group("keys"))
        BlobController(store: store, maxBlobBytes: configuration.maxBlobBytes, clock: clock)
            .addRoutes(to: signedIn.group("blobs"))
        SyncController(store: store, hub: hub, configuration: configuration, clock: clock)
            .addRoutes(to: api.group().add(middleware: AuthMiddleware(tokens: tokens, allowQueryToken: true)))

        return router
    }
}
