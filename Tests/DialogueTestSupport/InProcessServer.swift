import DialogueServer
import Foundation
import Logging
import ServiceLifecycle

/// A real Dialogue server in this process, on 127.0.0.1, over its SQLite store in a directory the
/// caller owns: the one way every suite starts a server it does not need to kill.
package final class InProcessServer: Sendable {
    package let port: Int
    package let configuration: ServerConfiguration
    package var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, configuration: ServerConfiguration, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.configuration = configuration
        self.group = group
        self.task = task
    }

    /// The configuration tests start from: a free port (`port` 0), `secret` for tokens, and the
    /// lowest bcrypt cost, since every in-process server shares one small thread pool and at the
    /// production cost a few hundred sign-ups queue each other past a client's timeout.
    package static func configuration(dataDirectory: URL, secret: String, port: Int = 0) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = port
        configuration.dataDirectory = dataDirectory
        configuration.jwtSecret = secret
        configuration.bcryptCost = 4
        return configuration
    }

    /// Starts the server and returns once it listens; throws when it cannot (a port taken).
    package static func start(configuration: ServerConfiguration, clock: any ServerClock = SystemClock())
        async throws -> InProcessServer
    {
        var logger = Logger(label: "test-server")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await ServerApplication.build(configuration: configuration, clock: clock, logger: logger) {
            address in
            continuation.yield(address?.port ?? 0)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            // A server that fails to start must not leave the caller waiting forever.
            defer { continuation.finish() }
            try await group.run()
        }
        var bound = 0
        for await value in ports {
            bound = value
            break
        }
        guard bound != 0 else {
            try await task.value
            throw CocoaError(.featureUnsupported)
        }
        return InProcessServer(port: bound, configuration: configuration, group: group, task: task)
    }

    /// Shuts the server down gracefully and waits until it has.
    package func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
