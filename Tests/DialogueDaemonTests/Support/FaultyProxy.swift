import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy in front of the test server that can make the server unreachable at an exact
/// moment: when armed, the first request whose bytes contain a given text (a key fetch) is not
/// forwarded, every connection through the proxy is cut, and new ones are refused until
/// ``restore()``. Real sockets on loopback; the daemon under test only ever sees a server that
/// went away.
final class FaultyProxy: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var trigger: [UInt8]?
        var blocked = false
        var trips = 0
    }

    private let state = Mutex(State())
    private let listener = Mutex<(any Channel)?>(nil)
    private let port = Mutex(0)

    /// The server's URL as the daemon under test is told it.
    var url: URL { URL(string: "http://127.0.0.1:\(port.withLock { $0 })")! }
    /// How many times the proxy has cut the server off.
    var trips: Int { state.withLock { $0.trips } }

    /// Listens on a free port and forwards to `upstream` (an `http://127.0.0.1:PORT` URL).
    static func start(upstream: URL) async throws -> FaultyProxy {
        let proxy = FaultyProxy()
        let upstreamPort = upstream.port ?? 80
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { inbound in
                guard proxy.admit(inbound) else { return inbound.close() }
                return ClientBootstrap(group: inbound.eventLoop)
                    .connect(host: "127.0.0.1", port: upstreamPort)
                    .flatMap { outbound in
                        proxy.admit(outbound)
                        return inbound.pipeline.addHandler(Relay(partner: outbound, proxy: proxy, inspects: true))
                            .flatMap {
                                outbound.pipeline.addHandler(Relay(partner: inbound, proxy: proxy, inspects: false))
                            }
                            .flatMap { inbound.setOption(.autoRead, value: true) }
                    }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        proxy.listener.withLock { $0 = channel }
        proxy.port.withLock { $0 = channel.localAddress?.port ?? 0 }
        return proxy
    }

    /// Cuts the server off at the next request containing `text`.
    func arm(trippingOn text: String) {
        state.withLock { $0.trigger = Array(text.utf8) }
    }

    /// Lets connections through again.
    func restore() {
        state.withLock { $0.blocked = false }
    }

    func stop() async {
        let channels = state.withLock { state in
            state.blocked = true
            return Array(state.channels.values)
        }
        for channel in channels { try? await channel.close() }
        if let listener = listener.withLock({ $0 }) { try? await listener.close() }
    }

    /// Tracks a channel; `false` (and nothing tracked) while the server is cut off.
    @discardableResult
    private func admit(_ channel: any Channel) -> Bool {
        let admitted = state.withLock { state -> Bool in
            guard !state.blocked else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { [self] _ in
                _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }
        return admitted
    }

    /// Whether bytes from a client may pass; `false` when they tripped the armed trigger (and
    /// every connection has been cut).
    fileprivate func allows(_ buffer: ByteBuffer) -> Bool {
        let cut = state.withLock { state -> [any Channel]? in
            guard let trigger = state.trigger, buffer.readableBytesView.firstRange(of: trigger) != nil else {
                return nil
            }
            state.trigger = nil
            state.blocked = true
            state.trips += 1
            return Array(state.channels.values)
        }
        guard let cut else { return true }
        for channel in cut { channel.close(promise: nil) }
        return false
    }
}

/// Copies bytes to the partner channel; the client side's bytes pass the proxy's check first.
private final class Relay: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let partner: any Channel
    let proxy: FaultyProxy
    let inspects: Bool

    init(partner: any Channel, proxy: FaultyProxy, inspects: Bool) {
        self.partner = partner
        self.proxy = proxy
        self.inspects = inspects
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if inspects, !proxy.allows(buffer) { return }
        partner.writeAndFlush(buffer, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
