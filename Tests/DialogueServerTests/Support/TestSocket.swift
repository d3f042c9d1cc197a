import DialogueProtocol
import DialogueTestSupport
import Foundation
import HummingbirdWSClient
import Logging

/// A real WebSocket client on `/api/ws` that records every frame it receives.
final class TestSocket: Sendable {
    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    private let frames = Locked<[ServerFrame]>([])
    private let closed = Locked(false)
    private let outgoing: AsyncStream<String>.Continuation
    private let task: Task<Void, Never>

    /// Connects and (unless `hello` is nil) says hello with `cursor`.
    init(port: Int, token: String?, hello cursor: Int64? = 0, deviceId: String = "test-device") {
        let (outgoingStream, outgoing) = AsyncStream.makeStream(of: String.self)
        self.outgoing = outgoing
        let frames = self.frames
        let closed = self.closed
        let query = token.map { "?token=\($0)" } ?? ""
        var logger = Logger(label: "test-socket")
        logger.logLevel = .critical
        let logger2 = logger
        task = Task {
            defer { closed.withLock { $0 = true } }
            _ = try? await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/api/ws\(query)",
                configuration: .init(maxFrameSize: 1 << 22),
                logger: logger2
            ) { inbound, outbound, _ in
                let writer = Task {
                    for await text in outgoingStream { try await outbound.write(.text(text)) }
                    try await outbound.close(.normalClosure, reason: nil)
                }
                defer { writer.cancel() }
                let decoder = WireCoding.decoder()
                for try await message in inbound.messages(maxSize: 1 << 22) {
                    guard case .text(let text) = message,
                        let frame = try? decoder.decode(ServerFrame.self, from: Data(text.utf8))
                    else { continue }
                    frames.withLock { $0.append(frame) }
                }
            }
        }
        if let cursor { send(.hello(cursor: cursor, deviceId: deviceId)) }
    }

    func send(_ frame: ClientFrame) {
        guard let data = try? WireCoding.encoder().encode(frame) else { return }
        outgoing.yield(String(decoding: data, as: UTF8.self))
    }

    func sendText(_ text: String) { outgoing.yield(text) }

    var received: [ServerFrame] { frames.value }
    var isClosed: Bool { closed.value }

    /// The events received so far, in order.
    var events: [SyncEvent] {
        received.compactMap { frame in
            if case .event(let event) = frame { return event }
            return nil
        }
    }

    /// Waits until `condition` holds for the frames received so far. The deadline is generous:
    /// the whole suite shares two cores in CI, and a frame that never comes fails just the same.
    @discardableResult
    func wait(
        timeout: Double = 30,
        _ what: String,
        until condition: ([ServerFrame]) -> Bool
    ) async throws -> [ServerFrame] {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while ContinuousClock.now < deadline {
            let snapshot = received
            if condition(snapshot) { return snapshot }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Timeout(description: "timed out waiting for \(what); got \(received.count) frames")
    }

    func waitUntilClosed(timeout: Double = 30) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while ContinuousClock.now < deadline {
            if isClosed { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Timeout(description: "the socket did not close")
    }

    func close() async {
        outgoing.finish()
        _ = await task.value
    }
}

extension ServerFrame {
    var isReady: Bool {
        if case .ready = self { return true }
        return false
    }

    /// The referenced message id of an event frame.
    var messageId: String? {
        if case .event(let event) = self { return event.data.messageId }
        return nil
    }

    /// Whether an event frame carries the message body itself.
    var carriesMessage: Bool {
        if case .event(let event) = self { return event.data.message != nil }
        return false
    }
}
