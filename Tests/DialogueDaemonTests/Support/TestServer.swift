import DialogueServer
import Foundation
import Logging
import ServiceLifecycle

/// A real Dialogue server in-process on 127.0.0.1 and a free port, over SQLite in a temporary directory.
final class TestServer: Sendable {
    let url: URL
    /// Where the server keeps its SQLite files.
    var dataDirectory: URL { directory.url.appendingPathComponent("data") }
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let directory: TestDirectory
    private let ownsDirectory: Bool

    private init(
        url: URL, group: ServiceGroup, task: Task<Void, any Error>, directory: TestDirectory, ownsDirectory: Bool
    ) {
        self.url = url
        self.group = group
        self.task = task
        self.directory = directory
        self.ownsDirectory = ownsDirectory
    }

    /// Starts a server; with `reusing`, on that server's port and database (a restart).
    ///
    /// A server that will be restarted listens below the kernel's ephemeral port range: a daemon
    /// reconnecting to a dead port inside that range can connect to itself (a TCP self-connect)
    /// and hold the port. Production servers listen on fixed low ports and never meet this.
    /// (Spawned test processes close inherited descriptors for the same reason: see `SpawnedProcess`.)
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
        var configuration = ServerConfiguration()
        configuration.port = port
        configuration.dataDirectory = directory.url.appendingPathComponent("data")
        configuration.jwtSecret = "daemon-test-secret-0123456789abcdef0123456789"
        // The lowest bcrypt cost keeps sign-ups fast on a shared test machine.
        configuration.bcryptCost = 4
        if let assistantBaseURL {
            configuration.assistant.baseURL = assistantBaseURL
            configuration.assistant.baseURLConfigured = true
        }
        var logger = Logger(label: "test-server")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await ServerApplication.build(configuration: configuration, logger: logger) { address in
            continuation.yield(address?.port ?? 0)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            // A server that fails to start (port taken) must not leave the caller waiting forever.
            defer { continuation.finish() }
            try await group.run()
        }
        var bound = 0
        for await value in ports {
            bound = value
            break
        }
        guard bound != 0 else {
            if previous == nil { directory.remove() }

            try await task.value
            throw CocoaError(.featureUnsupported)
        }
        return TestServer(
            url: URL(string: "http://127.0.0.1:\(bound)")!, group: group, task: task, directory: directory,
            ownsDirectory: previous == nil)
    }

    /// Stops the server; its files stay for a restart with ``start(reusing:)`` until the first
    /// server of the chain stops for good.
    func stop(keepingData: Bool = false) async {
        await group.triggerGracefulShutdown()
        _ = await task.result
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
