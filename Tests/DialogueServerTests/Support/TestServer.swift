import DialogueServer
import DialogueTestSupport
import Foundation

/// A real server in-process (``InProcessServer``) over a real SQLite file in a temporary
/// directory, on a clock the test moves.
final class TestServer: ServerEndpoint {
    static let secret = "test-secret-0123456789abcdef0123456789abcdef"

    let directory: URL
    let clock: TestClock
    private let server: InProcessServer
    var port: Int { server.port }
    var configuration: ServerConfiguration { server.configuration }

    private init(directory: URL, clock: TestClock, server: InProcessServer) {
        self.directory = directory
        self.clock = clock
        self.server = server
    }

    static func start(
        directory: URL,
        clock: TestClock = TestClock(),
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        var configuration = InProcessServer.configuration(dataDirectory: directory, secret: secret)
        configure(&configuration)
        let server = try await InProcessServer.start(configuration: configuration, clock: clock)
        return TestServer(directory: directory, clock: clock, server: server)
    }

    func stop() async {
        await server.stop()
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
