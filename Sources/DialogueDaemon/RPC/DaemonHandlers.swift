import AsyncHTTPClient
import DialogueProtocol
import DialogueRPC
import DialogueRPCTransport
import DialogueStore
import DialogueSync
import Foundation
import Logging

/// The RPC methods of this slice of `spec/rpc.md`, each a thin call into the key store, the cache
/// or the server client.
///
/// Handlers throw ``DaemonError`` only; ``register(on:)`` maps it to an `RPCError` once. Methods
/// that need the cache answer `locked` while locked; those that need an account, `not_signed_in`.
package struct DaemonHandlers: Sendable {
    let configuration: DaemonConfiguration
    let keyStore: KeyStoreController
    let http: HTTPClient
    let connection: ConnectionTracker
    let sessions: SessionController
    let logger: Logger

    package init(
        configuration: DaemonConfiguration,
        keyStore: KeyStoreController,
        http: HTTPClient,
        connection: ConnectionTracker,
        sessions: SessionController,
        logger: Logger
    ) {
        self.sessions = sessions
        self.configuration = configuration
        self.keyStore = keyStore
        self.http = http
        self.connection = connection
        self.logger = logger
    }

    /// Registers every method of this slice on `router`.
    package func register(on router: RPCRouter) {
        router.registerDiscover(version: ProtocolVersion.product)
        router.register(DaemonStatusRequest.self) { _, _ throws(RPCError) in
            do throws(DaemonError) { return try statusNow() } catch { throw rpcError(error, in: "daemon.status") }
        } handler: { _, _ throws(RPCError) in
            do throws(DaemonError) { return try await status() } catch {
                throw rpcError(error, in: "daemon.status")
            }
        }
        on(router, DaemonUnlockRequest.self) { params in try await unlock(params) }
        on(router, DaemonLockRequest.self) { _ in
            await sessions.stop()
            await keyStore.lock()
            return EmptyResult()
        }
        on(router, DaemonSetPassphraseRequest.self) { params in try await setPassphrase(params) }
        on(router, AccountSignupRequest.self) { params in try await signup(params) }
        on(router, AccountLoginRequest.self) { params in try await login(params) }
        on(router, AccountMeRequest.self) { _ in try await me() }
        on(router, AccountLogoutRequest.self) { _ in try await logout() }
        registerSessionMethods(on: router)
        registerAssistantMethods(on: router)
    }

    /// Registers the handler of `request` whose ``DaemonError`` becomes the matching `RPCError`.
    func on<Request: LocalRequest>(
        _ router: RPCRouter,
        _ request: Request.Type,
        _ body: @escaping @Sendable (Request) async throws -> Request.Response
    ) {
        router.register(Request.self) { request, _ in
            do {
                return try await body(request)
            } catch let error as DaemonError {
                throw rpcError(error, in: Request.method)
            }
        }
    }

    /// The one conversion into what a client is told; what lay underneath goes to this log only.
    func rpcError(_ error: DaemonError, in method: String) -> RPCError {
        if error.cause != nil { logger.warning("\(method) failed", metadata: ["error": "\(error)"]) }
        return RPCError(error)
    }

    // MARK: - Daemon and session

    /// `daemon.status` without waiting, answered on the socket's event loop; `nil` when the account
    /// has to be read from the cache first (unlocked, but no session running).
    func statusNow() throws(DaemonError) -> StatusView? {
        guard case .unlocked(_, let store) = keyStore.currentState else {
            return statusView(locked: true, account: nil, counts: (0, 0), conversations: 0)
        }
        // A running session already holds the account: no cache read or decryption for it.
        guard let running = sessions.runningNow else { return nil }
        return statusView(
            locked: false, account: (running.account, viewNow(of: running.account)), counts: store.counts(),
            conversations: running.conversationCount)
    }

    func status() async throws(DaemonError) -> StatusView {
        if let now = try statusNow() { return now }
        guard case .unlocked(_, let store) = keyStore.currentState else {
            return statusView(locked: true, account: nil, counts: (0, 0), conversations: 0)
        }
        let account: AccountRecord?
        do {
            account = try await Self.account(in: store)
        } catch {
            throw DaemonError(.failed, "The cache could not be read", cause: error)
        }
        return statusView(
            locked: false, account: account.map { ($0, viewNow(of: $0)) }, counts: store.counts(), conversations: 0)
    }

    private func statusView(
        locked: Bool, account: (record: AccountRecord, view: AccountView)?, counts: (outbox: Int, messages: Int),
        conversations: Int
    ) -> StatusView {
        let tracked = connection.status
        return StatusView(
            version: ProtocolVersion.product, locked: locked, account: account?.view,
            connection: ConnectionView(
                tracked, server: (account?.record.server ?? configuration.server)?.absoluteString),
            outboxPending: counts.outbox,
            cache: CacheStats(messages: counts.messages, conversations: conversations, bytes: keyStore.cacheBytes()))
    }

    func unlock(_ params: DaemonUnlockRequest) async throws(DaemonError) -> UnlockResult {
        let created: Bool
        switch configuration.unlock {
        case .passphrase: created = try await keyStore.unlock(passphrase: params.passphrase)
        case .keyfile: created = try await keyStore.unlock(keyFile: configuration.keyFile)
        }
        do {
            try await sessions.start()
        } catch {
            logger.error("the session did not start after unlock", metadata: ["error": "\(error)"])
        }
        return UnlockResult(created: created)
    }

    func setPassphrase(_ params: DaemonSetPassphraseRequest) async throws(DaemonError) -> EmptyResult {
        guard configuration.unlock == .passphrase else {
            throw DaemonError(.forbidden, "This daemon unlocks with a key file: there is no passphrase to change")
        }
        try await keyStore.setPassphrase(old: params.old, new: params.new)
        return EmptyResult()
    }

    // MARK: - Account

    func signup(_ params: AccountSignupRequest) async throws(DaemonError) -> AccountView {
        let store = try await keyStore.store()
        try await Self.requireNoAccount(in: store)
        let client = ServerClient(server: try Self.serverURL(params.server), http: http, logger: logger)
        let answer = try await track {
            try await DaemonError.converting {
                try await client.signup(
                    SignupRequest(
                        email: params.email, fullname: params.fullname, password: params.password, bio: params.bio))
            }
        }
        // This device's identity: created here, published, then kept sealed in the cache.
        var identity = try DeviceIdentity.create(userId: answer.user.id, nowMs: AccountSession.nowMs())
        try await track { try await identity.publish(with: client, token: answer.token) }
        try await saveIdentity(identity, in: store)
        let view = try await save(
            AccountRecord(server: client.server, user: answer.user, token: answer.token), in: store)
        try await sessions.start()
        return view
    }

    func login(_ params: AccountLoginRequest) async throws(DaemonError) -> AccountView {
        let store = try await keyStore.store()
        try await Self.requireNoAccount(in: store)
        let client = ServerClient(server: try Self.serverURL(params.server), http: http, logger: logger)
        let answer = try await track {
            try await DaemonError.converting {
                try await client.login(LoginRequest(email: params.email, password: params.password))
            }
        }
        let hasKeys = try await ensureIdentity(for: answer, client: client, in: store)
        var view = try await save(
            AccountRecord(server: client.server, user: answer.user, token: answer.token), in: store)
        try await sessions.start()
        if !hasKeys { view.needsLink = true }
        return view
    }

    /// The profile, refreshed from the server when it can be reached and from the cache otherwise.
    func me() async throws(DaemonError) -> AccountView {
        let store = try await keyStore.store()
        guard var account = try await Self.account(in: store) else {
            throw DaemonError(.notSignedIn, "No account on this daemon yet: sign up or log in")
        }
        // With a running session that is not online, the cached profile answers at once.
        if sessions.runningNow != nil, connection.status.state != .online { return await view(of: account) }
        let client = ServerClient(server: account.server, http: http, logger: logger)
        do {
            let answer = try await track {
                try await DaemonError.converting { try await client.check(token: account.token) }
            }
            if answer.user != account.user {
                account.user = answer.user
                _ = try await save(account, in: store)
            }
        } catch  where error.code == .offline {
            // Reads from the cache never fail for being offline.
        }
        return await view(of: account, downloadingAvatar: true)
    }

    /// The account as front ends see it, with `needsLink` while this device waits to be linked and
    /// `avatarUrl` when the running session has the picture in the runtime directory (fetched
    /// there first if `downloadingAvatar`; `daemon.status` never waits for a download).
    func view(of account: AccountRecord, downloadingAvatar: Bool = false) async -> AccountView {
        var view = viewNow(of: account)
        if downloadingAvatar, view.avatarUrl == nil, let blobId = account.user.avatarBlobId,
            let session = sessions.runningNow
        {
            view.avatarUrl = await AvatarTransfers.profileAvatarURLs([blobId], download: true, in: session)[blobId]
        }
        return view
    }

    /// The account as front ends see it, with its picture only if it is already here.
    func viewNow(of account: AccountRecord) -> AccountView {
        var view = account.view
        if sessions.awaitingLink { view.needsLink = true }
        if let blobId = account.user.avatarBlobId, let session = sessions.runningNow {
            view.avatarUrl = session.blobs.knownProfileAvatarURLs([blobId])[blobId]
        }
        return view
    }

    func logout() async throws(DaemonError) -> EmptyResult {
        let store = try await keyStore.store()
        guard try await Self.account(in: store) != nil else {
            throw DaemonError(.notSignedIn, "No account on this daemon yet: nothing to log out of")
        }
        await sessions.stop()
        do {
            try await store.setMeta(AccountRecord.metaKey, AccountRecord.Slot(account: nil))
        } catch {
            throw DaemonError("Forgetting the session failed", store: error)
        }
        logger.info("signed out")
        return EmptyResult()
    }

    // MARK: - Helpers

    /// Runs a server call and records whether the server was reachable.
    private func track<T: Sendable>(_ call: () async throws -> T) async throws(DaemonError) -> T {
        do {
            let value = try await call()
            connection.record(nil)
            return value
        } catch let error as DaemonError {
            connection.record(error)
            throw error
        } catch {
            throw DaemonError(.failed, "A server call failed", cause: error)
        }
    }

    func save(_ account: AccountRecord, in store: LocalStore) async throws(DaemonError) -> AccountView {
        do {
            try await store.setMeta(AccountRecord.metaKey, AccountRecord.Slot(account: account))
        } catch {
            throw DaemonError("Saving the account in the cache failed", store: error)
        }
        logger.info("signed in", metadata: ["dialogue.user": "\(account.user.id)"])
        return account.view
    }

    static func account(in store: LocalStore) async throws(DaemonError) -> AccountRecord? {
        do {
            return try await store.meta(AccountRecord.metaKey, as: AccountRecord.Slot.self)?.account
        } catch {
            throw DaemonError("The account in the cache could not be read", store: error)
        }
    }

    private static func requireNoAccount(in store: LocalStore) async throws(DaemonError) {
        if let existing = try await account(in: store) {
            throw DaemonError(
                .conflict, "Already signed in as \(existing.user.email): call account.logout first")
        }
    }

    private static func serverURL(_ text: String) throws(DaemonError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host?.isEmpty == false
        else {
            throw DaemonError(.invalidInput, "server must be an http:// or https:// URL, found \"\(text)\"")
        }
        return url
    }
}
