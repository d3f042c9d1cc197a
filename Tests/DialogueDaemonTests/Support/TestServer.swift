import DialogueServer
import DialogueTestSupport
import Foundation

/// A real Dialogue server in-process (``InProcessServer``) over SQLite in a temporary directory,
/// which can be restarted over the same port and files.
final class TestServer: Sendable {
    var url: URL { server.url }
    /// Where the server keeps its SQLite files.
    var dataDirectory: URL { directory.url.appendingPathComponent("data") }
    private let server: InProcessServer
    private let directory: TestDirectory
    private let ownsDirectory: Bool

    private init(server: InProcessServer, directory: TestDirectory, ownsDirectory: Bool) {
        self.server = server
        self.directory = directory
        self.ownsDirectory = ownsDirectory
    }

    /// Starts a server; with `reusing`, on that server's port and database (a restart).
    ///
    /// A server that will be restarted listens below the kernel's ephemeral port range: a daemon
    /// reconnecting to a dead port inside that range can connect to itself (a TCP self-connect)
    /// and hold the port. Production servers listen on fixed low ports and never meet this.
    /// (Spawned test processes close inherited descriptors for the same reason: see `ChildProcess`.)
    static func start(reusing previous: TestServer? = nil, restartable: Bool = false) async throws -> TestServer {
        if let previous { return try await launch(reusing: previous, port: previous.url.port ?? 0) }
        guard restartable else { return try await launch(reusing: nil, port: 0) }
        for _ in 0..<20 {
            if let server = try? await launch(reusing: nil, port: Int.random(in: 20000..<30000)) { return server }
        }
        return try await launch(reusing: nil, port: Int.random(in: 20000..<30000))
    }

    /// Starts a server whose AI assistant proxies to `assistantBaseURL` (an OpenAI-compatible endpoint).
    static func start(assistantBaseURL: String) async throws -> TestServer {
        try await launch(reusing: nil, port: 0, assistantBaseURL: assistantBaseURL)
    }

    private static func launch(
        reusing previous: TestServer?, port: Int, assistantBaseURL: String? = nil
    ) async throws -> TestServer {
        let directory = try previous?.directory ?? TestDirectory()
        var configuration = InProcessServer.configuration(
            dataDirectory: directory.url.appendingPathComponent("data"),
            secret: "daemon-test-secret-0123456789abcdef0123456789", port: port)
        if let assistantBaseURL {
            configuration.assistant.baseURL = assistantBaseURL
            configuration.assistant.baseURLConfigured = true
        }
        do {
            let server = try await InProcessServer.start(configuration: configuration)
            return TestServer(server: server, directory: directory, ownsDirectory: previous == nil)
        } catch {
            if previous == nil { directory.remove() }
            throw error
        }
    }

    /// Stops the server; its files stay for a restart with ``start(reusing:)`` until the first
    /// server of the chain stops for good.
    func stop(keepingData: Bool = false) async {
        await server.stop()
        if ownsDirectory && !keepingData { directory.remove() }
    }
}

/// Runs `body` against a fresh server, always stopping it.
func withTestServer<T>(restartable: Bool = false, _ body: (TestServer) async throws -> T) async throws -> T {
    let server = try await TestServer.start(restartable: restartable)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
