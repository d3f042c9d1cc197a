import DialogueRPC
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The daemon's JSON-RPC 2.0 server on a Unix domain socket, one message per line.
///
/// It either binds its own socket (in a 0700 directory, socket mode 0600, replacing a stale file)
/// or adopts a listening descriptor handed over by systemd socket activation. Every accepted peer
/// is checked with `SO_PEERCRED` and dropped unless it runs as the allowed uid, whatever the file
/// modes say. Each connection reads requests in order but runs them concurrently, so a slow call
/// never holds up a fast one; answers go out as they finish, matched by id.
///
/// Graceful shutdown stops accepting, stops reading on every connection, lets calls in flight
/// finish and answer, then closes. Cancellation closes everything at once.
package struct RPCServer: Service {
    /// Where the server listens.
    package enum Listener: Sendable, Hashable {
        /// Bind a new socket at this path.
        case socketPath(String)
        /// Adopt this descriptor, already bound and listening (socket activation); the server owns it afterwards.
        case adoptedDescriptor(CInt)
    }

    /// Called once the socket accepts connections, with its path (`nil` for an adopted descriptor).
    ///
    /// The daemon sends `READY=1` from here: the start order of services is not a readiness barrier.
    package typealias ListeningHandler = @Sendable (_ socketPath: String?) async throws -> Void

    package let configuration: Configuration
    let router: RPCRouter
    private let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    private let onListening: ListeningHandler

    /// - Parameters:
    ///   - configuration: Where to listen and the limits to apply.
    ///   - router: The handlers.
    ///   - eventLoopGroup: NIO's threads; the process-wide singleton unless a test wants its own.
    ///   - logger: Receives connection events and each call's outcome (at debug level).
    ///   - onListening: Called once the socket is ready.
    package init(
        configuration: Configuration,
        router: RPCRouter,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        onListening: @escaping ListeningHandler = { _ in }
    ) {
        self.configuration = configuration
        self.router = router
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.onListening = onListening
    }

    package func run() async throws {
        let (serverChannel, socketFile) = try await self.bind()
        defer {
            if case .socketPath(let path) = self.configuration.listener, let socketFile {
                UnixSocketFile.remove(path, ifIdentity: socketFile)
            }
        }
        let registry = ConnectionRegistry()
        let socketPath: String? =
            if case .socketPath(let path) = self.configuration.listener { path } else { nil }
        self.logger.info("RPC server listening", metadata: ["rpc.socket": "\(socketPath ?? "adopted descriptor")"])

        try await withGracefulShutdownHandler {
            try await serverChannel.executeThenClose { inbound in
                try await self.onListening(socketPath)
                try await withThrowingDiscardingTaskGroup { group in
                    for try await child in inbound {
                        let id = registry.makeID()
                        group.addTask {
                            await self.serve(child, id: id, registry: registry)
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            self.logger.info("RPC server stopping: no new connections or requests")
            serverChannel.channel.close(promise: nil)
            registry.shutDown()
        }
        self.logger.info("RPC server stopped")
    }

    /// Binds or adopts the listening socket and installs the line framing on every child.
    private func bind() async throws -> (NIOAsyncChannel<AcceptedConnection, Never>, UnixSocketFile.Identity?) {
        let maximumLineLength = self.configuration.maximumLineLength
        let bootstrap = ServerBootstrap(group: self.eventLoopGroup)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            // A client may shut down its write side and still wait for answers (`socat` does).
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            // Reading starts once the serving task has wrapped the channel (see AcceptedConnection).
            .childChannelOption(ChannelOptions.autoRead, value: false)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<AcceptedConnection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    ByteToMessageHandler(LineFrameDecoder(maximumLineLength: maximumLineLength))
                )
                try channel.pipeline.syncOperations.addHandler(PendingReadsHandler(), name: PendingReadsHandler.name)
                return AcceptedConnection(channel: channel)
            }
        }
        switch self.configuration.listener {
        case .socketPath(let path):
            try UnixSocketFile.prepare(path)
            let channel = try await bootstrap.bind(unixDomainSocketPath: path, childChannelInitializer: initializer)
            do {
                return (channel, try UnixSocketFile.restrict(path))
            } catch {
                try? await channel.channel.close()
                throw error
            }
        case .adoptedDescriptor(let descriptor):
            return (try await bootstrap.bind(descriptor, childChannelInitializer: initializer), nil)
        }
    }
}
