import DialogueServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A real server on 127.0.0.1 and a free port, over a real SQLite file in a temporary directory.
final class TestServer: ServerEndpoint {
    static let secret = "test-secret-0123456789abcdef0123456789abcdef"

    let port: Int
    let directory: URL
    let clock: TestClock
    let configuration: ServerConfiguration
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(
        port: Int,
        directory: URL,
        clock: TestClock,
        configuration: ServerConfiguration,
        group: ServiceGroup,
        task: Task<Void, any Error>
    ) {
        self.port = port
        self.directory = directory
        self.clock = clock
        self.configuration = configuration
        self.group = group
        self.task = task
    }

    static func start(
        directory: URL,
        clock: TestClock = TestClock(),
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.dataDirectory = directory
        configuration.jwtSecret = secret
        // The lowest bcrypt cost: every in-process server shares one small thread pool, and at the
        // production cost a few hundred sign-ups queue each other past a client's timeout.
        configuration.bcryptCost = 4
        configure(&configuration)
        var logger = Logger(label: "test-server")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await ServerApplication.build(configuration: configuration, clock: clock, logger: logger) {
            address in
            continuation.yield(address?.port ?? 0)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        return TestServer(
            port: port,
            directory: directory,
            clock: clock,
            configuration: configuration,
            group: group,
            task: task
        )
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

}

/// Runs `body` against a fresh server and always stops it and removes its files.
func withTestServer<T>(
    clock: TestClock = TestClock(),
    settings: TestSettings = TestSettings(),
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let server = try await TestServer.start(directory: directory.url, clock: clock, configure: settings.apply)
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
