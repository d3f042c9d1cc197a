import DialogueRPC
import DialogueRPCTransport
import DialogueTestSupport
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a real ``RPCServer`` on a Unix socket in a fresh temporary directory for the length of `body`.
enum TestServer {
    /// A logger that keeps quiet unless `DIALOGUE_TEST_LOG` is set, when it shows debug lines.
    static var logger: Logger {
        var logger = Logger(label: "dialogue.rpc.test")
        logger.logLevel = ProcessInfo.processInfo.environment["DIALOGUE_TEST_LOG"] == nil ? .critical : .debug
        return logger
    }

    /// Starts the server, waits until it listens, runs `body` with the socket path, then cancels the server.
    ///
    /// The socket is at `DIR/run/d.sock`, where `run` does not exist yet, so the server must create it.
    static func with<Result: Sendable>(
        router: RPCRouter,
        maximumLineLength: Int = LineFrameDecoder.defaultMaximumLineLength,
        allowedPeerUID: UInt32? = getuid(),
        maximumPendingOutboundBytes: Int = 64 * 1024 * 1024,
        _ body: @Sendable (_ socketPath: String) async throws -> Result
    ) async throws -> Result {
        try await TemporaryDirectory.with { directory in
            let path = directory + "/run/d.sock"
            let configuration = RPCServer.Configuration(
                listener: .socketPath(path),
                maximumLineLength: maximumLineLength,
                allowedPeerUID: allowedPeerUID,
                maximumPendingOutboundBytes: maximumPendingOutboundBytes
            )
            return try await Self.run(configuration: configuration, router: router) { _ in try await body(path) }
        }
    }

    /// Runs a server with any configuration; `body` gets the path reported by `onListening`.
    static func run<Result: Sendable>(
        configuration: RPCServer.Configuration,
        router: RPCRouter,
        _ body: @Sendable (_ listeningPath: String?) async throws -> Result
    ) async throws -> Result {
        let (listening, listeningContinuation) = AsyncStream<String?>.makeStream()
        let server = RPCServer(configuration: configuration, router: router, logger: Self.logger) { path in
            listeningContinuation.yield(path)
            listeningContinuation.finish()
        }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await server.run()
                listeningContinuation.finish()
                return nil
            }
            var iterator = listening.makeAsyncIterator()
            guard let path = await iterator.next() else {
                // The server stopped before listening: surface its error.
                while (try await group.next()) != nil {}
                throw TestServerError.neverListened
            }
            let result = try await body(path)
            group.cancelAll()
            while (try? await group.next()) != nil {}
            return result
        }
    }
}

enum TestServerError: Error {
    case neverListened
}
