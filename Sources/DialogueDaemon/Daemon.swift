import AsyncHTTPClient
import DialogueCrypto
import DialogueProtocol
import DialogueRPC
import DialogueRPCTransport
import DialogueSystemd
import Foundation
import Logging
import ServiceLifecycle

/// The composition root: builds the key store, the server client and the RPC server and runs them
/// as one `ServiceGroup` until SIGTERM or SIGINT (graceful) or cancellation.
///
/// Start-up order: the configuration is already valid; a key-file daemon unlocks before the socket
/// opens (so a bad key file fails the start instead of leaving a daemon that can never unlock);
/// then the socket. On the way out the key store is locked and the HTTP client shut down.
package enum Daemon {
    /// Knobs that tests turn; production uses the defaults.
    package struct Options: Sendable {
        /// scrypt parameters for new wrappings (tests use cheap ones).
        package var passphraseSource: KeyStoreController.PassphraseSource
        /// Whether SIGTERM and SIGINT trigger a graceful shutdown (off when a test runs several daemons).
        package var handlesSignals: Bool
        /// Called once the socket accepts connections.
        package var onListening: RPCServer.ListeningHandler
        /// Whether messages from others raise desktop notifications (off for in-process test daemons).
        package var desktopNotifications: Bool
        /// Handed the key store once it exists, so an in-process test can look at the cache.
        package var onKeyStore: @Sendable (KeyStoreController) -> Void

        package init(
            passphraseSource: @escaping KeyStoreController.PassphraseSource = { .passphraseDefaults() },
            handlesSignals: Bool = true,
            onListening: @escaping RPCServer.ListeningHandler = { _ in },
            desktopNotifications: Bool = true,
            onKeyStore: @escaping @Sendable (KeyStoreController) -> Void = { _ in }
        ) {
            self.desktopNotifications = desktopNotifications
            self.onKeyStore = onKeyStore
            self.passphraseSource = passphraseSource
            self.handlesSignals = handlesSignals
            self.onListening = onListening
        }
    }

    /// Runs the daemon until it is told to stop.
    /// - Parameters:
    ///   - configuration: The loaded `config.toml`.
    ///   - paths: The socket, data directory and config file.
    ///   - logger: The daemon's logger; handlers and services get children of it.
    ///   - options: Test knobs.
    /// - Throws: ``DaemonError`` when a key-file daemon cannot unlock, ``ConfigurationError`` for a bad
    ///   CA file, and the RPC server's start errors (socket in use, path too long).
    package static func run(
        configuration: DaemonConfiguration,
        paths: DaemonPaths,
        logger: Logger,
        options: Options = Options()
    ) async throws {
        let http = try HTTPClient.daemonClient(caFile: configuration.caFile)
        let keyStore = KeyStoreController(
            dataDirectory: paths.dataDirectory, passphraseSource: options.passphraseSource, logger: logger)
        options.onKeyStore(keyStore)
        var sessionsForShutdown: SessionController?
        do {
            if configuration.unlock == .keyfile {
                try await keyStore.unlock(keyFile: configuration.keyFile)
            }
            let router = RPCRouter()
            let connection = ConnectionTracker()
            let sessions = SessionController(
                keyStore: keyStore, http: http, configuration: configuration, tracker: connection,
                broadcaster: EventBroadcaster(),
                files: SessionFiles(
                    blobs: paths.dataDirectory.appendingPathComponent("blobs", isDirectory: true),
                    decrypted: paths.socket.deletingLastPathComponent().appendingPathComponent(
                        "attachments", isDirectory: true)),
                logger: logger)
            sessionsForShutdown = sessions
            if options.desktopNotifications {
                let desktop = DesktopNotifier(logger: logger)
                await sessions.setDesktopNotifier { summary, body in
                    await desktop.notify(summary: summary, body: body)
                }
            }
            DaemonHandlers(
                configuration: configuration,
                keyStore: keyStore,
                http: http,
                connection: connection,
                sessions: sessions,
                logger: logger
            ).register(on: router)
            if configuration.unlock == .keyfile {
                do {
                    try await sessions.start()
                } catch {
                    logger.error("the session did not start", metadata: ["error": "\(error)"])
                }
            }
            // Socket activation: systemd already listens on the socket and hands it over.
            let activated = ListenedSocket.takeFromEnvironment().first
            let listener: RPCServer.Listener =
                activated.map { .adoptedDescriptor($0.descriptor) } ?? .socketPath(paths.socket.path)
            let notifier = SystemdNotifier()
            let reporter = SystemdStatusService(notifier: notifier, keyStore: keyStore, connection: connection)
            let onListening = options.onListening
            let readiness = ReadinessFlag()
            let server = RPCServer(
                configuration: .init(listener: listener),
                router: router,
                logger: logger,
                onListening: { path in
                    // READY=1 only now: the socket accepts connections and the store is open
                    // (or known to be locked).
                    notifier.ready(status: await reporter.describe())
                    await readiness.markReady()
                    try await onListening(path)
                }
            )
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        server, reporter,
                        // Keep-alives start only once READY=1 has been sent.
                        WatchdogService(notifier: notifier, isHealthy: { await readiness.isReady }),
                    ],
                    gracefulShutdownSignals: options.handlesSignals ? [.sigterm, .sigint] : [],
                    logger: logger
                )
            )
            logger.info(
                "dialogued starting",
                metadata: [
                    "dialogue.version": "\(ProtocolVersion.product)",
                    "dialogue.unlock": "\(configuration.unlock.rawValue)",
                ]
            )
            try await group.run()
        } catch {
            await sessionsForShutdown?.stop()
            await keyStore.lock()
            try? await http.shutdown()
            throw error
        }
        await sessionsForShutdown?.stop()
        await keyStore.lock()
        try await http.shutdown()
        logger.info("dialogued stopped")
    }
}
