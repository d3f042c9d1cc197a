import DialogueProtocol
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL

/// The thin I/O around ``SyncStateMachine``: one WebSocket to the server, events handed to the
/// consumer in order, reconnects with backoff, and every state change reported.
package actor SyncService {
    private var machine: SyncStateMachine
    private let consumer: any SyncConsumer
    private let url: String
    private let tlsConfiguration: TLSConfiguration?
    private let logger: Logger
    private let retryNowSignal = WakeSignal()
    /// What the machine asked for after it closed the connection itself (a failed apply, a gap).
    private var afterClose: [SyncStateMachine.Action]?
    /// How many frames may wait, read and decoded, while a batch is applied.
    private static let readAhead = 1024
    /// Batches of at most 256 events (a bound on how long front ends wait for the first of them
    /// during a catch-up); while a backlog streams in, the applier waits ``gatherDelay`` for the
    /// reader to get further, so a batch is larger (``BatchGathering``).
    private static let gathering = BatchGathering(limit: 256, threshold: 16)
    private static let gatherDelay = Duration.milliseconds(5)

    /// - Parameters:
    ///   - url: The event stream's `ws://` or `wss://` URL with its token (``webSocketURL(server:token:)``).
    ///   - caFile: A CA bundle for a self-hosted server's certificate.
    ///   - cursor: The sequence number of the last event stored.
    package init(consumer: any SyncConsumer, url: String, caFile: URL?, cursor: Int64, logger: Logger) {
        self.consumer = consumer
        self.url = url
        self.logger = logger
        machine = SyncStateMachine(cursor: cursor)
        if let caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.file(caFile.path)]
            tlsConfiguration = tls
        } else {
            tlsConfiguration = nil
        }
    }

    /// The event stream's URL on `server` (`https` becomes `wss`), with the token as its query.
    package static func webSocketURL(server: URL, token: String) -> String {
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasPrefix("https://") {
            base = "wss://" + base.dropFirst("https://".count)
        } else if base.hasPrefix("http://") {
            base = "ws://" + base.dropFirst("http://".count)
        }
        let escaped =
            token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? token
        return base + "/api/ws?token=" + escaped
    }

    /// The sequence number of the last event the consumer stored.
    package var cursor: Int64 { machine.cursor }

    /// Whether the connection is still replaying the backlog (the server has not said `ready`).
    private var replaying: Bool {
        if case .connected(replaying: true, _) = machine.state { true } else { false }
    }

    /// Runs until cancelled.
    package func run() async {
        var actions = machine.start()
        while !Task.isCancelled {
            var next: [SyncStateMachine.Action] = []
            // Status first: a connect or a backoff wait runs for a while, and front ends must see
            // the state it starts in (connecting, or offline with retryInSeconds) right away.
            let ordered = actions.filter(\.isPublish) + actions.filter { !$0.isPublish }
            for action in ordered {
                switch action {
                case .connect(let cursor):
                    next += await connect(cursor: cursor)
                case .scheduleRetry(let delay):
                    next += await wait(delay)
                case .publish(let status):
                    await consumer.connectionChanged(status)
                case .apply, .refetchState, .acknowledge, .disconnect:
                    break
                }
            }
            if next.isEmpty { break }
            actions = next
        }
        _ = machine.stop()
    }

    /// A front end asked to reconnect now.
    package func retryNow() async {
        await retryNowSignal.signal()
    }

    /// Waits out the backoff (or until a front end asks to retry now); returns the next actions.
    private func wait(_ delay: Double) async -> [SyncStateMachine.Action] {
        var remaining = delay
        while !Task.isCancelled {
            if await retryNowSignal.wait(timeout: remaining) {
                let actions = machine.retryNow()
                if !actions.isEmpty { return actions }
            }
            let actions = machine.timerFired(now: Self.now())
            if !actions.isEmpty { return actions }
            // The clock the machine reads may lag the sleep by a little: check again shortly.
            remaining = 0.02
        }
        return []
    }

    private static func now() -> Double { Date().timeIntervalSince1970 }

    /// One connection's life; returns the actions for after it closed.
    private func connect(cursor: Int64) async -> [SyncStateMachine.Action] {
        afterClose = nil
        var failure = "the connection closed"
        do {
            var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 24)
            configuration.autoPing = .enabled(timePeriod: .seconds(25))
            let deviceId = await consumer.deviceId
            try await WebSocketClient.connect(
                url: url, configuration: configuration, tlsConfiguration: tlsConfiguration, logger: logger
            ) { inbound, outbound, _ in
                try await Self.write(.hello(cursor: cursor, deviceId: deviceId), to: outbound)
                await self.connected(outbound: outbound)
                let queue = FrameQueue(limit: Self.readAhead)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    // Reading, decoding and preparing events go on while a batch is applied.
                    group.addTask {
                        defer { queue.finish() }
                        let decoder = WireCoding.decoder()
                        for try await message in inbound.messages(maxSize: 1 << 24) {
                            guard case .text(let text) = message else { continue }
                            guard let frame = try? decoder.decode(ServerFrame.self, from: Data(text.utf8)) else {
                                self.logger.warning("the server sent a frame that does not decode")
                                continue
                            }
                            guard await queue.push(frame) else { break }
                            if case .event(let event) = frame { self.consumer.prepare(event) }
                        }
                    }
                    let limit = Self.gathering.limit
                    while var frames = await queue.take(maximum: limit) {
                        if Self.gathering.waits(after: frames, replaying: await self.replaying) {
                            // The wait goes first to what applying them would do anyway (their
                            // signatures, on this core while the reader has the other), then to
                            // sleep for what is left of it.
                            let clock = ContinuousClock()
                            let began = clock.now
                            for case .event(let event) in frames { self.consumer.prepare(event) }
                            let left = Self.gatherDelay - (clock.now - began)
                            if left > .zero { try await Task.sleep(for: left) }
                            frames += queue.takeAvailable(maximum: limit - frames.count)
                        }
                        guard await self.received(frames, outbound: outbound) else { break }
                    }
                    queue.finish()
                    group.cancelAll()
                    try await group.waitForAll()
                }
            }
        } catch {
            failure = "\(error)"
        }
        await consumer.setLiveConnection(nil)
        if Task.isCancelled { return [] }
        if let afterClose {
            self.afterClose = nil
            return afterClose
        }
        logger.info("sync connection closed", metadata: ["reason": "\(failure)"])
        return machine.disconnected(error: failure, now: Self.now(), unit: Double.random(in: 0...1))
    }

    private func connected(outbound: WebSocketOutboundWriter) async {
        for action in machine.connected(now: Self.now()) {
            if case .publish(let status) = action { await consumer.connectionChanged(status) }
        }
        await consumer.setLiveConnection { frame in try? await Self.write(frame, to: outbound) }
    }

    private static func write(_ frame: ClientFrame, to outbound: WebSocketOutboundWriter) async throws {
        let data = try WireCoding.encoder().encode(frame)
        try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
    }

    /// Handles the frames that arrived together; `false` when the machine closed the connection.
    /// Consecutive events are applied as one batch, before any other action of the machine runs.
    private func received(_ frames: [ServerFrame], outbound: WebSocketOutboundWriter) async -> Bool {
        var pending: [SyncEvent] = []
        for frame in frames {
            switch frame {
            case .typing(let conversationId, let userId, let typing):
                await consumer.received(typing: typing, userId: userId, conversationId: conversationId)
            case .presence(let entries):
                await consumer.received(presence: entries)
            case .error(let code, let message):
                logger.warning("the server refused a frame", metadata: ["code": "\(code)", "message": "\(message)"])
            case .event, .ready, .resync:
                break
            }
            let actions = machine.received(frame, now: Self.now())
            guard await perform(actions, pending: &pending, outbound: outbound) else { return false }
        }
        return await perform([], pending: &pending, outbound: outbound, flushing: true)
    }

    /// Carries out the machine's actions in order: `apply`s are gathered into `pending`, which is
    /// applied (and reported) before any other action runs, or at the end of the frames when
    /// `flushing`. `false` when the machine closed the connection.
    private func perform(
        _ actions: [SyncStateMachine.Action], pending: inout [SyncEvent], outbound: WebSocketOutboundWriter,
        flushing: Bool = false
    ) async -> Bool {
        var queue = actions[...]
        while true {
            if let action = queue.first, case .apply(let event) = action {
                queue.removeFirst()
                pending.append(event)
                continue
            }
            if !pending.isEmpty, flushing || !queue.isEmpty {
                queue = (await applyPending(&pending))[...] + queue
                continue
            }
            guard let action = queue.popFirst() else { return true }
            switch action {
            case .refetchState(let cursor):
                do throws(SyncApplyError) {
                    try await consumer.refetchState(cursor: cursor)
                    queue += machine.refetched(cursor: cursor)
                } catch {
                    queue += applyFailed(error)
                }
            case .acknowledge(let cursor):
                try? await Self.write(.ack(cursor: cursor), to: outbound)
            case .publish(let status):
                await consumer.connectionChanged(status)
            case .disconnect:
                afterClose = Array(queue)
                return false
            case .apply, .connect, .scheduleRetry:
                break
            }
        }
    }

    /// Applies the gathered events as one batch and reports how far it got to the machine.
    private func applyPending(_ pending: inout [SyncEvent]) async -> [SyncStateMachine.Action] {
        let batch = pending
        pending.removeAll()
        let outcome = await consumer.apply(batch: batch)
        var actions = outcome.appliedThrough.map { machine.applied($0) } ?? []
        if let error = outcome.failure {
            let seq = batch.first { $0.seq > (outcome.appliedThrough ?? Int64.min) }?.seq ?? 0
            logger.info(
                "an event could not be applied now; it is asked for again after reconnecting",
                metadata: ["dialogue.seq": "\(seq)", "reason": "\(error.message)"])
            actions += applyFailed(error)
        }
        return actions
    }

    private func applyFailed(_ error: SyncApplyError) -> [SyncStateMachine.Action] {
        machine.applyFailed(
            error: error.message, now: Self.now(), retryAfter: error.retryAfter, unit: Double.random(in: 0...1))
    }
}
