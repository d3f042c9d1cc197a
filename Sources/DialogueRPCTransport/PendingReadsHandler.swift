import NIOCore

/// Holds a new connection's lines and events until its `NIOAsyncChannel` exists, then replays them.
///
/// Reading is off until the connection is served, but an end-of-file makes NIO read what is left
/// regardless; without this handler those bytes (a `printf '…' | socat` request, say) would reach the
/// end of the pipeline before the async handlers are installed, and be lost.
///
/// - Important: Lives on the channel's event loop only, like every channel handler.
final class PendingReadsHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = LineFrame
    typealias InboundOut = LineFrame

    static let name = "dialogue.rpc.pending-reads"

    private enum Pending {
        case read(NIOAny)
        case event(Any)
    }

    private var pending: [Pending] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.pending.append(.read(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        self.pending.append(.event(event))
    }

    func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        let pending = self.pending
        self.pending = []
        for item in pending {
            switch item {
            case .read(let data): context.fireChannelRead(data)
            case .event(let event): context.fireUserInboundEventTriggered(event)
            }
        }
        if !pending.isEmpty { context.fireChannelReadComplete() }
        context.leavePipeline(removalToken: removalToken)
    }
}
