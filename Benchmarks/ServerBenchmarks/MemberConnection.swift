import DialogueProtocol
import Foundation
import HummingbirdWSClient
import Logging

/// One authenticated `GET /api/ws` connection as a client device would hold it: hello from
/// cursor 0, replay until `ready`, then live frames until the scenario's stop signal.
enum MemberConnection {
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
                            } else if case .ready = try decoder.decode(ServerFrame.self, from: Data(text.utf8)) {
                                ready = true
                                receiver.markReady()
                            }
                        }
                        // The server ended the stream (or answered our close): count it as closed now.
                        receiver.markClosed(failure: nil)
                    }
                    group.addTask {
                        await stop.wait()
                        try await outbound.close(.normalClosure, reason: nil)
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
            receiver.markClosed(failure: nil)
        } catch {
            receiver.markClosed(failure: "\(error)")
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
