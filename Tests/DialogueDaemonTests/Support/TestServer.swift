import DialogueServer
import Foundation
import Logging
import ServiceLifecycle

/// A real Dialogue server in-process on 127.0.0.1 and a free port, over SQLite in a temporary directory.
final class TestServer: Sendable {
    let url: URL
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let directory: TestDirectory

    private init(url: URL, group: ServiceGroup, task: Task<Void, any Error>, directory: TestDirectory) {
        self.url = url
        self.group = group
        self.task = task
        self.directory = directory
    }

    static func start() async throws -> TestServer {
        let directory = try TestDirectory()
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.dataDirectory = directory.url.appendingPathComponent("data")
        configuration.jwtSecret = "daemon-test-secret-0123456789abcdef0123456789"
        // The lowest bcrypt cost keeps sign-ups fast on a shared test machine.
        configuration.bcryptCost = 4
        var logger = Logger(label: "test-server")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await ServerApplication.build(configuration: configuration, logger: logger) { address in
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
            url: URL(string: "http://127.0.0.1:\(port)")!, group: group, task: task, directory: directory)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
        directory.remove()
    }
}

/// Runs `body` against a fresh server, always stopping it.
func withTestServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
    let server = try await TestServer.start()
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
