import AsyncHTTPClient
import DialogueProtocol
import DialogueRPC
import DialogueStore
import DialogueSync
import Foundation
import Logging
import Synchronization

/// Starts the account session when the daemon is both unlocked and signed in, and stops it (wiping
/// what it holds in memory) on lock or logout. Owns the session's background work: sync, outbox
/// sender and the live-state ticker.
package actor SessionController {
    private struct Running {
        let session: AccountSession
        let sync: SyncService
        let tasks: [Task<Void, Never>]
    }

    private let keyStore: KeyStoreController
    private let http: HTTPClient
    private let configuration: DaemonConfiguration
    private let tracker: ConnectionTracker
    package let broadcaster: EventBroadcaster
    private let files: SessionFiles
    private let logger: Logger
    private var runningSession: Running? {
        didSet { published.withLock { $0.session = runningSession?.session } }
    }
    private var starting = false
    /// Signed in on a device that has no keys for the account yet: waits for a link bundle.
    private var linkWaiter: Task<Void, Never>? {
        didSet { published.withLock { $0.awaitingLink = linkWaiter != nil } }
    }
    /// What `daemon.status` reads without waiting for this actor.
    private nonisolated let published = Mutex<(session: AccountSession?, awaitingLink: Bool)>((nil, false))
    private let linkSignal = WakeSignal()
    private var desktopNotifier: (@Sendable (String, String) async -> Void)?

    package init(
        keyStore: KeyStoreController,
        http: HTTPClient,
        configuration: DaemonConfiguration,
        tracker: ConnectionTracker,
        broadcaster: EventBroadcaster,
        files: SessionFiles,
        logger: Logger
    ) {
        self.keyStore = keyStore
        self.http = http
        self.configuration = configuration
        self.tracker = tracker
        self.broadcaster = broadcaster
        self.files = files
        self.logger = logger
    }

    /// Installs the desktop notifier for sessions started from now on (and the running one).
    package func setDesktopNotifier(_ notifier: (@Sendable (String, String) async -> Void)?) async {
        desktopNotifier = notifier
        await runningSession?.session.setDesktopNotifier(notifier)
    }

    /// The running session, started on demand.
    /// - Throws: `locked` while locked, `not_signed_in` without an account.
    package func session() async throws(DaemonError) -> AccountSession {
        if let runningSession { return runningSession.session }
        try await start()
        guard let runningSession else {
            if linkWaiter != nil {
                throw DaemonError(
                    .forbidden,
                    "This device is signed in but not linked yet: run `dialogue link` here and enter the code on one of your other devices"
                )
            }
            throw DaemonError(.notSignedIn, "No account on this daemon yet: sign up or log in")
        }
        return runningSession.session
    }

    /// Whether the signed-in account's keys are on another device and this one waits to be linked.
    package nonisolated var awaitingLink: Bool { published.withLock { $0.awaitingLink } }

    /// The running session, if there is one (never starts it), read without entering the actor.
    package nonisolated var runningNow: AccountSession? { published.withLock { $0.session } }

    /// Starts the session if the store is unlocked and holds an account; a no-op otherwise.
    package func start() async throws(DaemonError) {
        guard runningSession == nil, !starting else { return }
        guard case .unlocked(_, let store) = await keyStore.state else {
            throw DaemonError(.locked, "The key store is locked: call daemon.unlock first")
        }
        guard let account = try await DaemonHandlers.account(in: store) else { return }
        starting = true
        defer { starting = false }
        let client = ServerClient(server: account.server, http: http, logger: logger)
        let linker = DeviceLinker(store: store, client: client, account: account, logger: logger)
        guard try await linker.hasIdentity() else {
            await waitForLink(linker)
            return
        }
        let session = try await AccountSession.open(
            store: store, client: client, account: account, broadcaster: broadcaster, files: files, logger: logger)
        await session.setDesktopNotifier(desktopNotifier)
        let cursor = await EventSync.storedCursor(in: session)
        let sync = SyncService(
            consumer: AccountSyncConsumer(session: session, tracker: tracker),
            url: SyncService.webSocketURL(server: account.server, token: account.token),
            caFile: configuration.caFile, cursor: cursor, logger: logger)
        let logger = self.logger
        let tasks = [
            Task { await sync.run() },
            Task { await Self.sendOutbox(session, logger: logger) },
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    await LiveRelay.tick(in: session)
                }
            },
        ]
        runningSession = Running(session: session, sync: sync, tasks: tasks)
        logger.info("session started", metadata: ["dialogue.user": "\(account.user.id)"])
    }

    /// Starts (or wakes) the wait for a link bundle, after `devices.link` showed a new code.
    func waitForLink(_ linker: DeviceLinker) async {
        guard linkWaiter == nil else {
            await linkSignal.signal()
            return
        }
        linkWaiter = Task { await self.runLinkWaiter(linker) }
    }

    /// Polls the mailbox while a code is shown (every 2 s, backing off when the server cannot be
    /// reached), and starts the session once the device is linked.
    private func runLinkWaiter(_ linker: DeviceLinker) async {
        var backoff = Backoff()
        while !Task.isCancelled {
            var delay = 2.0
            do {
                switch try await linker.poll() {
                case .idle:
                    // Nothing shown yet: wait for `devices.link`.
                    delay = 60
                case .waiting:
                    backoff.reset()
                case .expired(let deviceId):
                    await broadcaster.publish(.deviceLinkExpired(DeviceLinkExpiredView(deviceId: deviceId)))
                    delay = 60
                case .linked(let deviceId, let conversations):
                    linkWaiter = nil
                    do {
                        try await start()
                    } catch {
                        logger.error("the session did not start after linking", metadata: ["error": "\(error)"])
                    }
                    await broadcaster.publish(
                        .deviceLinked(DeviceLinkedView(deviceId: deviceId, conversations: conversations)))
                    return
                }
            } catch {
                delay = backoff.nextDelay(unit: Double.random(in: 0...1))
                logger.debug("the link mailbox could not be read", metadata: ["error": "\(error)"])
            }
            _ = await linkSignal.wait(timeout: delay)
        }
    }

    /// Stops the session and wipes its in-memory state.
    package func stop() async {
        if let waiter = linkWaiter {
            linkWaiter = nil
            waiter.cancel()
            await waiter.value
        }
        guard let stopping = runningSession else { return }
        runningSession = nil
        for task in stopping.tasks { task.cancel() }
        await stopping.session.close()
        for task in stopping.tasks { await task.value }
        tracker.syncReported(nil)
        logger.info("session stopped")
    }

    /// Skips the reconnect backoff (`daemon.reconnect`).
    package func reconnectNow() async {
        await runningSession?.sync.retryNow()
        await runningSession?.session.wakeOutbox()
    }

    /// The outbox sender: drains on every wake-up, backs off with full jitter on transient failures.
    private static func sendOutbox(_ session: AccountSession, logger: Logger) async {
        var backoff = Backoff()
        let signal = session.outboxSignal
        while !Task.isCancelled, await !signal.isFinished {
            switch await OutboxSender.drain(in: session) {
            case .drained:
                backoff.reset()
                // Also a periodic pass, in case a wake-up raced with the end of a pass.
                await signal.wait(timeout: 30)
            case .retry(let after, let reason):
                let delay = after ?? backoff.nextDelay(unit: Double.random(in: 0...1))
                logger.debug("outbox waits", metadata: ["delay": "\(delay)", "reason": "\(reason)"])
                await signal.wait(timeout: max(delay, 0.05))
            }
        }
    }
}
