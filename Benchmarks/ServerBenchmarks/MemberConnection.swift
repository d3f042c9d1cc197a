import DialogueProtocol
import Foundation
import HummingbirdWSClient
import Logging

/// One authenticated `GET /api/ws` connection as a client device would hold it: hello from
/// cursor 0, replay until `ready`, then live frames until the scenario's stop signal.
enum MemberConnection {
    /// How often a connection that ends before `ready` is opened again before it counts as failed.
    static let attempts = 3

    /// Runs until `stop` fires or the connection fails; never throws (failures go to `receiver`).
    static func run(
        baseURL: String,
        account: Account,
        deviceId: String,
        receiver: DeliveryReceiver,
        stop: StopSignal,
        logger: Logger
    ) async {
        let url = baseURL.replacingOccurrences(of: "http://", with: "ws://") + "/api/ws?token=\(account.token)"
        var failure: String?
        for attempt in 1...attempts {
            if attempt > 1 { receiver.recordRetry() }
            failure = await connectOnce(url: url, deviceId: deviceId, receiver: receiver, stop: stop, logger: logger)
            if receiver.snapshot.ready || stop.isFired { break }
            failure = failure ?? "the connection ended before ready"
        }
        receiver.markClosed(failure: failure)
    }

    /// One connection attempt; returns its error, if any.
    private static func connectOnce(
        url: String,
        deviceId: String,
        receiver: DeliveryReceiver,
        stop: StopSignal,
        logger: Logger
    ) async -> String? {
        // Large enough for the presence snapshot, which lists every online user.
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 22)
        let hello = ClientFrame.hello(cursor: 0, deviceId: deviceId)
        do {
            let helloText = String(decoding: try WireCoding.encoder().encode(hello), as: UTF8.self)
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
                inbound,
                outbound,
                _ in
                try await outbound.write(.text(helloText))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        let decoder = WireCoding.decoder()
                        var ready = false
                        var verified = false
                        for try await message in inbound.messages(maxSize: 1 << 22) {
                            guard case .text(let text) = message else { continue }
                            if ready {
                                verified = handleLive(text, receiver: receiver, decoder: decoder, verified: verified)
                            } else if try decoder.decode(FrameOp.self, from: Data(text.utf8)).op == "ready",
                                case .ready = try decoder.decode(ServerFrame.self, from: Data(text.utf8))
                            {
                                ready = true
                                receiver.markReady()
                            }
                        }
                        // The stream ended (server close or our own): a live connection ended early.
                        if ready && !stop.isFired { receiver.markEndedEarly() }
                    }
                    group.addTask {
                        await stop.wait()
                        try await outbound.close(.normalClosure, reason: nil)
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Records the latency of a delivered benchmark message; checks the first one against the
    /// wire types so the byte scan is known to read the server's `message.new` frames.
    /// - Returns: Whether a frame has been verified on this connection.
    private static func handleLive(_ text: String, receiver: DeliveryReceiver, decoder: JSONDecoder, verified: Bool)
        -> Bool
    {
        guard let sentAt = DeliveryMarker.sendTime(in: text) else { return verified }
        let now = DeliveryMarker.now()
        receiver.record(latency: now > sentAt ? now - sentAt : 0)
        guard !verified else { return true }
        let frame = try? decoder.decode(ServerFrame.self, from: Data(text.utf8))
        var matched = false
        if case .event(let event) = frame, event.type == .messageNew, let id = event.data.message?.id {
            matched = DeliveryMarker.sendTime(ofId: id) == sentAt
        }
        receiver.recordVerification(matched: matched)
        return matched
    }
}
