import DialogueRPC
import Foundation
import Logging
import NIOCore

/// Serving one accepted connection: the peer check, the single writer, and request dispatch.
extension RPCServer {
    func serve(_ accepted: AcceptedConnection, id: Int, registry: ConnectionRegistry) async {
        let logger = {
            var logger = self.logger
            logger[metadataKey: "rpc.connection"] = "\(id)"
            return logger
        }()

        guard let peer = await self.checkPeer(accepted.channel, logger: logger) else {
            // Closed without reading a byte or sending one: a refused peer learns nothing.
            await accepted.refuse()
            return
        }
        let (queue, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let connection = RPCConnection(
            id: id,
            peer: peer,
            channel: accepted.channel,
            continuation: continuation,
            maximumPendingBytes: self.configuration.maximumPendingOutboundBytes
        )
        let child: NIOAsyncChannel<LineFrame, ByteBuffer>
        do {
            let router = self.router
            child = try await accepted.serve {
                ImmediateAnswerHandler(router: router, connection: connection, logger: logger)
            }
        } catch {
            logger.debug("RPC connection closed before it could be served", metadata: ["error": "\(error)"])
            connection.markClosed()
            await accepted.refuse()
            return
        }
        logger.debug("RPC connection opened", metadata: ["peer.pid": "\(peer.map { "\($0.pid)" } ?? "unknown")"])

        do {
            try await child.executeThenClose { inbound, outbound in
                registry.add(connection)
                defer {
                    registry.remove(connection)
                    connection.markClosed()
                }
                await withDiscardingTaskGroup { group in
                    // The one writer: every queued line for this client goes through `queue`, so none interleave.
                    group.addTask {
                        for await buffer in queue {
                            do {
                                try await outbound.write(buffer)
                            } catch {
                                logger.debug("RPC connection write failed; the client is gone")
                                connection.markClosed()
                                return
                            }
                            connection.didWrite(byteCount: buffer.readableBytes)
                        }
                    }
                    await self.readRequests(from: inbound, connection: connection, logger: logger)
                    // All answers are queued; let the writer drain them and stop.
                    connection.finishOutbound()
                }
                // Answers written on the event loop leave before the channel closes, too.
                await connection.waitForImmediateWrites()
            }
        } catch {
            logger.debug("RPC connection ended with an error", metadata: ["error": "\(error)"])
        }
        logger.debug("RPC connection closed")
    }

    /// The peer's credentials when it may talk to us; `.some(nil)` when the check is off; `nil` to refuse.
    private func checkPeer(_ channel: any Channel, logger: Logger) async -> PeerCredentials?? {
        guard let allowedUID = self.configuration.allowedPeerUID else {
            return .some(try? await PeerCredentials.read(from: channel))
        }
        do {
            let peer = try await PeerCredentials.read(from: channel)
            guard peer.uid == allowedUID else {
                logger.warning(
                    "Refused an RPC connection from another user",
                    metadata: ["peer.uid": "\(peer.uid)", "peer.pid": "\(peer.pid)"]
                )
                return nil
            }
            return .some(peer)
        } catch {
            logger.warning(
                "Refused an RPC connection whose credentials could not be read", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Reads lines until the client stops sending (or shutdown closes the input), running each
    /// line in its own task, and returns when every one of them has answered.
    private func readRequests(
        from inbound: NIOAsyncChannelInboundStream<LineFrame>,
        connection: RPCConnection,
        logger: Logger
    ) async {
        await withDiscardingTaskGroup { group in
            do {
                for try await frame in inbound {
                    switch frame {
                    case .oversized:
                        logger.debug("RPC line over the limit dropped")
                        let detail = "line longer than \(self.configuration.maximumLineLength) bytes"
                        connection.send(RPCResponse(id: nil, error: .parseError(detail)).json)
                    case .line(let line):
                        group.addTask {
                            await self.process(line, connection: connection, logger: logger)
                        }
                    case .parsed(let json):
                        group.addTask {
                            await self.process(json, connection: connection, logger: logger)
                        }
                    }
                }
            } catch {
                logger.debug("RPC connection read failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Answers one line: a single message or a batch.
    private func process(_ line: ByteBuffer, connection: RPCConnection, logger: Logger) async {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Data(line.readableBytesView))
        } catch {
            connection.send(RPCResponse(id: nil, error: .parseError()).json)
            return
        }
        await self.process(json, connection: connection, logger: logger)
    }

    /// Answers one parsed line: a single message or a batch.
    private func process(_ json: JSONValue, connection: RPCConnection, logger: Logger) async {
        guard case .array = json else {
            let message = Result { () throws(RPCInvalidMessage) -> RPCMessage in try RPCMessage(json: json) }
            if let response = await self.dispatch(message, connection: connection, logger: logger) {
                connection.send(response.json)
            }
            return
        }
        let elements: [Result<RPCMessage, RPCInvalidMessage>]
        do {
            elements = try RPCBatch.elements(of: json)
        } catch {
            connection.send(error.response.json)
            return
        }
        // Calls in a batch run concurrently too; the answers go back together, in request order.
        let responses = await withTaskGroup(of: (Int, RPCResponse?).self) { group in
            for (index, element) in elements.enumerated() {
                group.addTask { (index, await self.dispatch(element, connection: connection, logger: logger)) }
            }
            var responses: [(Int, RPCResponse)] = []
            for await (index, response) in group {
                if let response { responses.append((index, response)) }
            }
            return responses.sorted { $0.0 < $1.0 }.map(\.1)
        }
        // A batch of notifications only gets no reply at all, not an empty array.
        if !responses.isEmpty {
            connection.send(.array(responses.map(\.json)))
        }
    }

    /// Runs one message; returns the response to send, or `nil` for a notification.
    private func dispatch(
        _ message: Result<RPCMessage, RPCInvalidMessage>,
        connection: RPCConnection,
        logger: Logger
    ) async -> RPCResponse? {
        switch message {
        case .failure(let invalid):
            logger.debug("RPC invalid request", metadata: ["rpc.outcome": "invalid_request"])
            return invalid.response
        case .success(.request(let request)):
            let context = RPCContext(connection: connection, request: request, connectionLogger: logger)
            return await self.router.handle(request, context: context)
        case .success(.notification(let notification)):
            var logger = logger
            logger[metadataKey: "rpc.method"] = "\(notification.method)"
            let context = RPCContext(
                connection: connection,
                requestID: nil,
                method: notification.method,
                logger: logger
            )
            await self.router.handle(notification, context: context)
            return nil
        case .success(.response):
            // The server sends no requests, so a response from a client answers nothing.
            logger.debug("RPC ignored a response sent by the client")
            return nil
        }
    }
}
