import DialogueRPC
import Foundation
import Logging
import NIOCore

/// Answers calls whose method has a fast path (``RPCRouter/ImmediateHandler``, `daemon.status`)
/// on the event loop as the line is read, and passes everything else on, parsed, to the async side.
///
/// A call answered here costs no task, no queue and no thread hand-off: the response is written
/// from the same stack that read the request. Batches, long lines and lines that do not parse go
/// on untouched, so every error is still answered in one place (``RPCServer``).
///
/// - Important: Lives on the channel's event loop only, like every channel handler.
final class ImmediateAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias InboundOut = LineFrame
    typealias OutboundOut = ByteBuffer

    /// Longer lines are parsed off the event loop, where a slow parse holds up no other connection.
    static let maximumLineLength = 4096

    private let router: RPCRouter
    private let connection: RPCConnection
    private let logger: Logger

    init(router: RPCRouter, connection: RPCConnection, logger: Logger) {
        self.router = router
        self.connection = connection
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let line) = self.unwrapInboundIn(data), line.readableBytes <= Self.maximumLineLength,
            let json = try? JSONValue(parsing: Data(line.readableBytesView))
        else {
            context.fireChannelRead(data)
            return
        }
        // A batch is never a request here: it goes on, to be answered as a whole.
        if case .request(let request)? = try? RPCMessage(json: json),
            let response = self.router.answerImmediately(
                request,
                context: { RPCContext(connection: self.connection, request: request, connectionLogger: self.logger) })
        {
            self.connection.sendImmediately(response.json, context: context)
            return
        }
        context.fireChannelRead(self.wrapInboundOut(.parsed(json)))
    }
}
