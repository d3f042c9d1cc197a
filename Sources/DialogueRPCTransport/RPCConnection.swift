import DialogueRPC
import NIOConcurrencyHelpers
import NIOCore

/// One client connection as handlers see it: an id, the peer, and a way to push notifications to it.
///
/// Everything written to the connection (responses and notifications alike) goes through one
/// queue drained by a single writer task, so lines never interleave. The queue is bounded in bytes:
/// a client that stops reading while events keep coming is disconnected (it can reconnect and
/// re-subscribe) rather than making the daemon buffer without bound.
///
/// `events.subscribe` keeps a reference to the connection, calls ``notify(method:params:)`` for each
/// event and unsubscribes in ``onClose(_:)``.
package final class RPCConnection: Sendable {
    /// Unique among the connections of one server run; used in logs and as a subscription key.
    package let id: Int
    /// The peer as the kernel reports it; `nil` when the credential check is disabled.
    package let peer: PeerCredentials?

    private let channel: any Channel
    private let maximumPendingBytes: Int
    private let state: NIOLockedValueBox<State>

    /// - Important: Only accessed under the lock in ``state``.
    private struct State {
        var continuation: AsyncStream<ByteBuffer>.Continuation?
        var pendingBytes = 0
        var isClosed = false
        var closeHandlers: [@Sendable () -> Void] = []
    }

    init(
        id: Int,
        peer: PeerCredentials?,
        channel: any Channel,
        continuation: AsyncStream<ByteBuffer>.Continuation,
        maximumPendingBytes: Int
    ) {
        self.id = id
        self.peer = peer
        self.channel = channel
        self.maximumPendingBytes = maximumPendingBytes
        self.state = NIOLockedValueBox(State(continuation: continuation))
    }

    /// Whether the connection has closed; later notifications are dropped.
    package var isClosed: Bool {
        self.state.withLockedValue { $0.isClosed }
    }

    /// Pushes a notification to this client.
    ///
    /// Never blocks: the line is queued for the connection's writer.
    ///
    /// - Returns: `false` when the connection is closed or was just closed for not keeping up.
    @discardableResult
    package func notify(method: String, params: JSONValue? = nil) -> Bool {
        self.send(RPCNotification(method: method, params: params).json)
    }

    /// Runs `handler` once when the connection closes (at once if it already has).
    ///
    /// Handlers run on whichever thread notices the close; they must be quick and must not block.
    package func onClose(_ handler: @escaping @Sendable () -> Void) {
        let runNow = self.state.withLockedValue { state in
            if state.isClosed { return true }
            state.closeHandlers.append(handler)
            return false
        }
        if runNow { handler() }
    }

    /// Suspends until the connection closes.
    package func waitUntilClosed() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        self.onClose { continuation.finish() }
        for await _ in stream {}
    }

    /// Queues one JSON message (a response, a batch or a notification) for the writer.
    @discardableResult
    func send(_ message: JSONValue) -> Bool {
        var line = message.serialized()
        line.append("\n")
        let buffer = ByteBuffer(string: line)
        let outcome: SendOutcome = self.state.withLockedValue { state in
            guard let continuation = state.continuation, !state.isClosed else { return .closed }
            guard state.pendingBytes + buffer.readableBytes <= self.maximumPendingBytes else { return .overflow }
            state.pendingBytes += buffer.readableBytes
            continuation.yield(buffer)
            return .queued
        }
        switch outcome {
        case .queued:
            return true
        case .closed:
            return false
        case .overflow:
            self.channel.close(promise: nil)
            self.markClosed()
            return false
        }
    }

    private enum SendOutcome {
        case queued
        case closed
        case overflow
    }

    /// Called by the writer after each write so the bound tracks what is still queued.
    func didWrite(byteCount: Int) {
        self.state.withLockedValue { $0.pendingBytes -= byteCount }
    }

    /// Stops accepting new requests (graceful shutdown); requests in flight still get their answers.
    func closeInput() {
        self.channel.close(mode: .input, promise: nil)
    }

    /// Ends the outbound queue after what is already queued, without running close handlers.
    func finishOutbound() {
        let continuation = self.state.withLockedValue { state in
            let continuation = state.continuation
            state.continuation = nil
            return continuation
        }
        continuation?.finish()
    }

    /// Marks the connection closed, ends the queue and runs the close handlers exactly once.
    func markClosed() {
        let (continuation, handlers) = self.state.withLockedValue { state in
            if state.isClosed { return (nil, []) as (AsyncStream<ByteBuffer>.Continuation?, [@Sendable () -> Void]) }
            state.isClosed = true
            let continuation = state.continuation
            state.continuation = nil
            let handlers = state.closeHandlers
            state.closeHandlers = []
            return (continuation, handlers)
        }
        continuation?.finish()
        for handler in handlers { handler() }
    }
}
