import DialogueRPC
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A JSON-RPC client for the daemon's socket, used by the CLI and by tests.
///
/// Calls may be made concurrently from many tasks; each gets an automatic integer id and waits
/// for the response with that id, in whatever order the daemon answers. Notifications pushed by
/// the daemon (after `events.subscribe`) arrive on ``notifications``.
///
/// The client only exists inside ``withConnection(socketPath:eventLoopGroup:maximumLineLength:_:)``,
/// which owns the reader and writer tasks, so no task outlives the connection.
package final class RPCClient: Sendable {
    /// Notifications from the daemon, in arrival order; finishes when the connection closes.
    package let notifications: AsyncStream<RPCNotification>

    private let outbound: AsyncStream<ByteBuffer>.Continuation
    private let notificationSink: AsyncStream<RPCNotification>.Continuation
    private let state = NIOLockedValueBox(State())

    /// - Important: Only accessed under the lock in ``state``.
    private struct State {
        var nextID = 1
        var pending: [RequestID: Slot] = [:]
        var isClosed = false
    }

    /// Where the response to one id stands. A slot is reserved before the request is written, so a
    /// response that arrives before its caller starts waiting (likely in a batch) is kept, not lost.
    private enum Slot {
        case expected
        case waiting(CheckedContinuation<RPCResponse, any Error>)
        case arrived(RPCResponse)
    }

    private init(outbound: AsyncStream<ByteBuffer>.Continuation) {
        self.outbound = outbound
        (self.notifications, self.notificationSink) = AsyncStream<RPCNotification>.makeStream()
    }

    /// Connects to the daemon, runs `body` with the client, then closes the connection.
    ///
    /// - Parameters:
    ///   - socketPath: The daemon's socket, usually `RPCServer.defaultSocketPath()`.
    ///   - eventLoopGroup: NIO's threads; the process-wide singleton by default.
    ///   - maximumLineLength: The longest line accepted from the daemon.
    ///   - body: Works with the connected client; calls still waiting when it returns fail.
    /// - Returns: What `body` returns.
    /// - Throws: Connection errors, or what `body` throws.
    package static func withConnection<Result: Sendable>(
        socketPath: String,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        maximumLineLength: Int = LineFrameDecoder.defaultMaximumLineLength,
        _ body: (RPCClient) async throws -> Result
    ) async throws -> Result {
        let channel = try await ClientBootstrap(group: eventLoopGroup)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .connect(unixDomainSocketPath: socketPath) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(maximumLineLength: maximumLineLength))
                    )
                    return try NIOAsyncChannel<LineFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let (queue, queueContinuation) = AsyncStream<ByteBuffer>.makeStream()
            let (writerDone, writerDoneContinuation) = AsyncStream<Void>.makeStream()
            let client = RPCClient(outbound: queueContinuation)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { writerDoneContinuation.finish() }
                    for await buffer in queue {
                        do {
                            try await outbound.write(buffer)
                        } catch {
                            client.connectionEnded()
                            return
                        }
                    }
                }
                group.addTask {
                    do {
                        for try await frame in inbound { client.receive(frame) }
                    } catch {
                        // A reset connection ends the same way as a closed one.
                    }
                    client.connectionEnded()
                }
                let outcome: Swift.Result<Result, any Error>
                do {
                    outcome = .success(try await body(client))
                } catch {
                    outcome = .failure(error)
                }
                // Let what `body` queued (a last notification, say) reach the socket before closing.
                queueContinuation.finish()
                for await _ in writerDone {}
                client.connectionEnded()
                channel.channel.close(promise: nil)
                group.cancelAll()
                try? await group.waitForAll()
                return try outcome.get()
            }
        }
    }

    /// A fresh id for a request; ids count up from 1 on each connection.
    package func nextRequestID() -> RequestID {
        self.state.withLockedValue { state in
            defer { state.nextID += 1 }
            return .number(state.nextID)
        }
    }

    /// Calls `method` and returns its result.
    ///
    /// - Throws: The daemon's `RPCError` for an error response; ``RPCClientError`` when no response came.
    package func call(_ method: String, params: JSONValue? = nil) async throws -> JSONValue {
        let response = try await self.send(RPCRequest(id: self.nextRequestID(), method: method, params: params))
        return try response.outcome.get()
    }

    /// Calls `method` with `Encodable` params and decodes its result.
    package func call<Result: Decodable & Sendable>(
        _ method: String,
        params: some Encodable,
        returning: Result.Type = Result.self
    ) async throws -> Result {
        try await self.call(method, params: try JSONValue(encoding: params)).decode(Result.self)
    }

    /// Sends a request and waits for its response, whatever its outcome.
    ///
    /// - Throws: ``RPCClientError`` when the connection closes first; `CancellationError` if the task is cancelled.
    package func send(_ request: RPCRequest) async throws -> RPCResponse {
        try self.reserve([request.id])
        self.write(request.json)
        return try await self.response(to: request.id)
    }

    /// Sends a batch on one line and waits for the responses to its requests, in request order.
    ///
    /// Notifications in the batch get no response. A batch the daemon rejects as a whole (it is
    /// answered with one error with a `null` id) never gets per-request responses, so do not send
    /// malformed batches through this method.
    ///
    /// - Throws: ``RPCClientError`` when the connection closes first; `CancellationError` if the task is cancelled.
    package func send(batch: RPCBatch) async throws -> [RPCResponse] {
        let ids = batch.messages.compactMap { message -> RequestID? in
            guard case .request(let request) = message else { return nil }
            return request.id
        }
        try self.reserve(ids)
        self.write(batch.json)
        var responses: [RPCResponse] = []
        for id in ids {
            responses.append(try await self.response(to: id))
        }
        return responses
    }

    /// Sends a notification; nobody answers it.
    package func notify(_ method: String, params: JSONValue? = nil) {
        self.write(RPCNotification(method: method, params: params).json)
    }

    /// Reserves a slot per id before anything is written.
    private func reserve(_ ids: [RequestID]) throws {
        let failure: RPCClientError? = self.state.withLockedValue { state in
            if state.isClosed { return .connectionClosed }
            if let duplicate = ids.first(where: { state.pending[$0] != nil }) ?? Self.firstDuplicate(ids) {
                return .duplicateRequestID("\(duplicate)")
            }
            for id in ids { state.pending[id] = .expected }
            return nil
        }
        if let failure { throw failure }
    }

    private static func firstDuplicate(_ ids: [RequestID]) -> RequestID? {
        var seen: Set<RequestID> = []
        return ids.first { !seen.insert($0).inserted }
    }

    /// Waits for the response in `id`'s slot (which must have been reserved).
    private func response(to id: RequestID) async throws -> RPCResponse {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let outcome: Result<RPCResponse, any Error>? = self.state.withLockedValue { state in
                    switch state.pending[id] {
                    case .arrived(let response)?:
                        state.pending[id] = nil
                        return .success(response)
                    case .expected?:
                        state.pending[id] = .waiting(continuation)
                        return nil
                    case .waiting?, nil:
                        // Gone: the connection closed or the call was cancelled before it waited.
                        return .failure(state.isClosed ? RPCClientError.connectionClosed : CancellationError())
                    }
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            self.cancel(id)
        }
    }

    private func cancel(_ id: RequestID) {
        let slot = self.state.withLockedValue { $0.pending.removeValue(forKey: id) }
        if case .waiting(let continuation)? = slot {
            continuation.resume(throwing: CancellationError())
        }
    }

    private func write(_ message: JSONValue) {
        self.outbound.yield(ByteBuffer(line: message))
    }

    /// Routes one line from the daemon: responses to their callers, notifications to the stream.
    private func receive(_ frame: LineFrame) {
        guard case .line(let line) = frame, let json = try? JSONValue(parsing: Data(line.readableBytesView)) else {
            return
        }
        for element in json.arrayValue ?? [json] {
            switch try? RPCMessage(json: element) {
            case .response(let response)?:
                guard let id = response.id else { continue }
                let continuation = self.state.withLockedValue { state -> CheckedContinuation<RPCResponse, any Error>? in
                    switch state.pending[id] {
                    case .expected?:
                        state.pending[id] = .arrived(response)
                        return nil
                    case .waiting(let continuation)?:
                        state.pending[id] = nil
                        return continuation
                    case .arrived?, nil:
                        return nil
                    }
                }
                continuation?.resume(returning: response)
            case .notification(let notification)?:
                self.notificationSink.yield(notification)
            case .request?, nil:
                continue
            }
        }
    }

    /// Fails every waiting call and ends the notification stream; idempotent.
    private func connectionEnded() {
        // Responses that already arrived stay claimable; everyone still waiting learns the connection is gone.
        let waiting = self.state.withLockedValue { state in
            state.isClosed = true
            var waiting: [CheckedContinuation<RPCResponse, any Error>] = []
            for (id, slot) in state.pending {
                switch slot {
                case .waiting(let continuation):
                    waiting.append(continuation)
                    state.pending[id] = nil
                case .expected:
                    state.pending[id] = nil
                case .arrived:
                    break
                }
            }
            return waiting
        }
        for continuation in waiting {
            continuation.resume(throwing: RPCClientError.connectionClosed)
        }
        self.notificationSink.finish()
        self.outbound.finish()
    }
}
