import DialogueRPC
import NIOConcurrencyHelpers
import NIOCore

/// One client connection as handlers see it: an id, the peer, and a way to push notifications to it.
///
/// Everything written to the connection (responses and notifications alike) goes through one
/// queue drained by a single writer task, so lines never interleave; only answers of the event
/// loop's fast path (``ImmediateAnswerHandler``) are written directly, whole lines too. Both count
/// against one bound in bytes:
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
        var lastImmediateWrite: EventLoopFuture<Void>?
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
        let buffer = ByteBuffer(line: message)
        let outcome: SendOutcome = self.state.withLockedValue { state in
            guard let continuation = state.continuation else { return .closed }
            let outcome = self.reserve(buffer.readableBytes, in: &state)
            if case .queued = outcome { continuation.yield(buffer) }
            return outcome
        }
        return self.settle(outcome)
    }

    /// Writes a response straight from the event loop, for ``ImmediateAnswerHandler``: within the
    /// same byte bound as the queue, and remembered so the connection closes only once it is out.
    func sendImmediately(_ message: JSONValue, context: ChannelHandlerContext) {
        let buffer = ByteBuffer(line: message)
        let byteCount = buffer.readableBytes
        let promise = context.eventLoop.makePromise(of: Void.self)
        let outcome: SendOutcome = self.state.withLockedValue { state in
            let outcome = self.reserve(byteCount, in: &state)
            if case .queued = outcome { state.lastImmediateWrite = promise.futureResult }
            return outcome
        }
        guard self.settle(outcome) else {
            promise.succeed()
            return
        }
        promise.futureResult.whenComplete { _ in self.didWrite(byteCount: byteCount) }
        context.writeAndFlush(NIOAny(buffer), promise: promise)
    }

    /// Waits until the last response ``sendImmediately(_:context:)`` wrote has left (or failed).
    func waitForImmediateWrites() async {
        let last = self.state.withLockedValue { $0.lastImmediateWrite }
        try? await last?.get()
    }

    /// Counts `byteCount` more pending bytes unless that breaks the bound.
    private func reserve(_ byteCount: Int, in state: inout State) -> SendOutcome {
        guard !state.isClosed else { return .closed }
        guard state.pendingBytes + byteCount <= self.maximumPendingBytes else { return .overflow }
        state.pendingBytes += byteCount
        return .queued
    }

    /// Closes a connection that stopped reading; whether the line was taken.
    private func settle(_ outcome: SendOutcome) -> Bool {
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
