import DialogueServer
import DialogueTestSupport
import Foundation

/// A real server in-process (``InProcessServer``) over a real SQLite file in a temporary
/// directory or a fresh PostgreSQL database, on a clock the test moves.
final class TestServer: ServerEndpoint {
    static let secret = "test-secret-0123456789abcdef0123456789abcdef"

    let directory: URL
    let clock: TestClock
    /// The PostgreSQL database, when the server keeps everything there.
    let database: TestDatabase?
    private let ownsDatabase: Bool
    private let server: InProcessServer
    var port: Int { server.port }
    var configuration: ServerConfiguration { server.configuration }

    private init(
        directory: URL, clock: TestClock, database: TestDatabase?, ownsDatabase: Bool, server: InProcessServer
    ) {
        self.directory = directory
        self.clock = clock
        self.database = database
        self.ownsDatabase = ownsDatabase
        self.server = server
    }

    /// - Parameters:
    ///   - store: `.postgres` makes a fresh database, which ``stop(dropping:)`` drops.
    ///   - database: Another server's database, to restart over it or run a second instance;
    ///     that server drops it.
    static func start(
        directory: URL,
        store: TestStore = .sqlite,
        database shared: TestDatabase? = nil,
        clock: TestClock = TestClock(),
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        var configuration = InProcessServer.configuration(dataDirectory: directory, secret: secret)
        configure(&configuration)
        let owned: TestDatabase? = store == .postgres && shared == nil ? try await TestDatabase.create() : nil
        let database = shared ?? owned
        configuration.database = database?.url
        do {
            let server = try await InProcessServer.start(configuration: configuration, clock: clock)
            return TestServer(
                directory: directory, clock: clock, database: database, ownsDatabase: owned != nil, server: server)
        } catch {
            await owned?.drop()
            throw error
        }
    }

    /// Whether what the store keeps holds `marker`: every file of the SQLite directory (database,
    /// WAL), or every row of the PostgreSQL database (whose files keep a deleted row's old version
    /// until vacuum, by design).
    func storeContains(_ marker: String) async throws -> Bool {
        if let database { return try await database.rowsContain(marker) }
        return try StoreFiles.contain(marker, in: directory)
    }

    /// - Parameter dropping: `false` keeps the database for a server started over it next.
    func stop(dropping: Bool = true) async {
        await server.stop()
        if dropping && ownsDatabase { await database?.drop() }
    }
}

/// Runs `body` against a fresh server and always stops it and removes its files.
func withTestServer<T>(
    store: TestStore = .sqlite,
    clock: TestClock = TestClock(),
    settings: TestSettings = TestSettings(),
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let server = try await TestServer.start(
        directory: directory.url, store: store, clock: clock, configure: settings.apply)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Configuration a test changes from the defaults.
struct TestSettings {
    var sendTimeoutSeconds: Double?
    var connectionQueueLimit: Int?
    var maxBlobBytes: Int?
    var eventRetentionSeconds: Double?
    var assistantBaseURL: String?
    var assistantKey: String?

    func apply(to configuration: inout ServerConfiguration) {
        if let sendTimeoutSeconds { configuration.sendTimeoutSeconds = sendTimeoutSeconds }
        if let connectionQueueLimit { configuration.connectionQueueLimit = connectionQueueLimit }
        if let maxBlobBytes { configuration.maxBlobBytes = maxBlobBytes }
        if let eventRetentionSeconds { configuration.eventRetentionSeconds = eventRetentionSeconds }
        if let assistantBaseURL {
            configuration.assistant.baseURL = assistantBaseURL
            configuration.assistant.baseURLConfigured = true
        }
        if let assistantKey { configuration.assistant.apiKey = assistantKey }
    }
}
