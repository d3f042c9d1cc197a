import DialogueProtocol
import DialogueRPC
import DialogueSync
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL

/// The thin I/O around ``SyncStateMachine``: one WebSocket to the server, events handed to the
/// session in order, reconnects with backoff, and a `connection` notification on every change.
package actor SyncService {
    private var machine: SyncStateMachine
    private let session: AccountSession
    private let tracker: ConnectionTracker
    private let url: String
    private let tlsConfiguration: TLSConfiguration?
    private let logger: Logger
    private let retryNowSignal = WakeSignal()
    /// Events applied since the last `ack` frame.
    private var unacknowledged = 0

    package init(
        session: AccountSession,
        server: URL,
        token: String,
        caFile: URL?,
        tracker: ConnectionTracker,
        cursor: Int64,
        logger: Logger
    ) {
        self.session = session
        self.tracker = tracker
        self.logger = logger
        machine = SyncStateMachine(cursor: cursor)
        var base = server.endpoint("")
        if base.hasPrefix("https://") {
            base = "wss://" + base.dropFirst("https://".count)
        } else if base.hasPrefix("http://") {
            base = "ws://" + base.dropFirst("http://".count)
        }
        let escaped =
            token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? token
        url = base + "/api/ws?token=" + escaped
        if let caFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.file(caFile.path)]
            tlsConfiguration = tls
        } else {
            tlsConfiguration = nil
        }
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
                    await publish(status)
                case .apply, .refetchState, .disconnect:
                    break
                }
            }
            if next.isEmpty { break }
            actions = next
        }
        _ = machine.stop()
        tracker.syncReported(nil)
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

    private func publish(_ status: ConnectionStatus) async {
        tracker.syncReported(status)
        var object: [String: JSONValue] = [
            "state": .string(status.state.rawValue),
            "server": .string(session.account.server.absoluteString),
        ]
        if let retry = status.retryInSeconds { object["retryInSeconds"] = .double(retry) }
        if let lastError = status.lastError { object["lastError"] = .string(lastError) }
        await session.publish("connection", .object(object))
    }

    /// One connection's life; returns the actions for after it closed.
    private func connect(cursor: Int64) async -> [SyncStateMachine.Action] {
        var failure = "the connection closed"
        var retryAfter: Double?
        do {
            var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 24)
            configuration.autoPing = .enabled(timePeriod: .seconds(25))
            let deviceId = await session.deviceId
            try await WebSocketClient.connect(
                url: url, configuration: configuration, tlsConfiguration: tlsConfiguration, logger: logger
            ) { inbound, outbound, _ in
                let encoder = WireCoding.encoder()
                let hello = try encoder.encode(ClientFrame.hello(cursor: cursor, deviceId: deviceId))
                try await outbound.write(.text(String(decoding: hello, as: UTF8.self)))
                await self.connected(outbound: outbound)
                let decoder = WireCoding.decoder()
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    guard case .text(let text) = message else { continue }
                    guard let frame = try? decoder.decode(ServerFrame.self, from: Data(text.utf8)) else {
                        self.logger.warning("the server sent a frame that does not decode")
                        continue
                    }
                    try await self.received(frame, outbound: outbound)
                }
            }
        } catch let error as DaemonError {
            failure = error.message
            if error.code == .rateLimited { retryAfter = error.retryAfter.map(Double.init) }
        } catch {
            failure = "\(error)"
        }
        await session.setLiveConnection(nil)
        if Task.isCancelled { return [] }
        logger.info("sync connection closed", metadata: ["reason": "\(failure)"])
        let unit = Double.random(in: 0...1)
        return machine.disconnected(error: failure, now: Self.now(), retryAfter: retryAfter, unit: unit)
    }

    private func connected(outbound: WebSocketOutboundWriter) async {
        for action in machine.connected(now: Self.now()) {
            if case .publish(let status) = action { await publish(status) }
        }
        await session.setLiveConnection { frame in
            guard let data = try? WireCoding.encoder().encode(frame) else { return }
            try? await outbound.write(.text(String(decoding: data, as: UTF8.self)))
        }
    }

    private func received(_ frame: ServerFrame, outbound: WebSocketOutboundWriter) async throws {
        switch frame {
        case .typing(let conversationId, let userId, let typing):
            await session.received(typing: typing, userId: userId, conversationId: conversationId)
        case .presence(let entries):
            await session.received(presence: entries)
        case .error(let code, let message):
            logger.warning("the server refused a frame", metadata: ["code": "\(code)", "message": "\(message)"])
        case .event, .ready, .resync:
            break
        }
        for action in machine.received(frame, now: Self.now()) {
            switch action {
            case .apply(let event):
                try await session.apply(event)
                unacknowledged += 1
                if unacknowledged >= 100 {
                    unacknowledged = 0
                    let ack = try WireCoding.encoder().encode(ClientFrame.ack(cursor: event.seq))
                    try await outbound.write(.text(String(decoding: ack, as: UTF8.self)))
                }
            case .refetchState(let cursor):
                try await session.refetchState()
                try await session.saveCursor(cursor)
            case .publish(let status):
                await publish(status)
            case .disconnect:
                throw DaemonError(.failed, "the sync state machine asked to disconnect")
            case .connect, .scheduleRetry:
                break
            }
        }
    }
}
