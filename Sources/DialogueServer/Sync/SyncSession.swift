import DialogueProtocol
import DialogueServerStore
import Foundation
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers

/// One authenticated WebSocket connection: replay from the client's cursor, then live events,
/// typing relay and presence.
///
/// Three tasks share the connection: the reader (client frames), the writer (the only task that
/// writes), and a watchdog that drops a connection whose socket has not accepted a frame for
/// ``ServerConfiguration/sendTimeoutSeconds`` — a slow consumer resumes later from its cursor
/// instead of holding server memory.
struct SyncSession {
    let userId: String
    let store: any ServerStore
    let hub: EventHub
    let configuration: ServerConfiguration
    let clock: any ServerClock
    let logger: Logger

    /// Raised to end a connection that stopped reading.
    struct SlowConsumer: Error {}
    /// Raised when no hello arrives in time.
    struct NoHello: Error {}

    /// What the reader passes to the writer before the stream starts.
    enum BeforeHello: Sendable {
        case hello(cursor: Int64)
        /// A refused frame; the writer answers it, since only the writer writes.
        case refused(ServerFrame)
    }

    private static let pageSize = 200

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let (hellos, helloContinuation) = AsyncStream.makeStream(
            of: BeforeHello.self, bufferingPolicy: .bufferingNewest(8))
        let writeStarted = NIOLockedValueBox<ContinuousClock.Instant?>(nil)
        let mailboxBox = NIOLockedValueBox<ConnectionMailbox?>(nil)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await read(inbound: inbound, outbound: outbound, hello: helloContinuation, mailbox: mailboxBox)
                }
                group.addTask {
                    try await write(
                        outbound: outbound, hellos: hellos, writeStarted: writeStarted, mailboxBox: mailboxBox)
                }
                group.addTask { try await watch(writeStarted: writeStarted) }
                try await group.next()
                group.cancelAll()
            }
        } catch is SlowConsumer {
            logger.notice("closing a connection that stopped reading; it will resume from its cursor")
        } catch is NoHello {
            logger.info("closing a connection that never said hello")
        } catch is CancellationError {
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
        if let mailbox = mailboxBox.withLockedValue({ $0 }) {
            if await hub.unregister(mailbox) {
                let now = clock.now()
                try? await store.setLastSeen(userId: userId, at: now)
                await hub.broadcastPresence(PresenceEntry(userId: userId, online: false, lastSeen: now))
            }
        }
    }

    private func read(
        inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter,
        hello: AsyncStream<BeforeHello>.Continuation,
        mailbox: NIOLockedValueBox<ConnectionMailbox?>
    ) async throws {
        let decoder = WireCoding.decoder()
        var saidHello = false
        for try await message in inbound.messages(maxSize: configuration.maxClientFrameBytes) {
            guard case .text(let text) = message,
                let frame = try? decoder.decode(ClientFrame.self, from: Data(text.utf8))
            else {
                let refusal = ServerFrame.error(
                    code: ErrorCode.invalidFrame.rawValue,
                    message: "Expected a JSON hello, ack or typing frame."
                )
                if saidHello { push(refusal, mailbox) } else { hello.yield(.refused(refusal)) }
                continue
            }
            switch frame {
            case .hello(let cursor, _):
                guard !saidHello else { continue }
                saidHello = true
                hello.yield(.hello(cursor: max(0, cursor)))
                hello.finish()
            case .ack:
                break
            case .typing(let conversationId, let typing):
                let members = (try? await store.memberIds(conversationId: conversationId)) ?? []
                guard members.contains(userId) else {
                    push(.error(code: ErrorCode.notFound.rawValue, message: "No such conversation."), mailbox)
                    continue
                }
                await hub.relayTyping(conversationId: conversationId, from: userId, typing: typing, to: members)
            }
        }
        hello.finish()
    }

    /// Error frames go through the mailbox so that only the writer writes.
    private func push(_ frame: ServerFrame, _ mailbox: NIOLockedValueBox<ConnectionMailbox?>) {
        mailbox.withLockedValue { $0 }?.push(.frame(frame))
    }

    private func write(
        outbound: WebSocketOutboundWriter,
        hellos: AsyncStream<BeforeHello>,
        writeStarted: NIOLockedValueBox<ContinuousClock.Instant?>,
        mailboxBox: NIOLockedValueBox<ConnectionMailbox?>
    ) async throws {
        let encoder = WireCoding.encoder()
        func sendText(_ text: String) async throws {
            writeStarted.withLockedValue { $0 = .now }
            try await outbound.write(.text(text))
            writeStarted.withLockedValue { $0 = nil }
        }
        func send(_ frame: ServerFrame) async throws {
            try await sendText(String(decoding: try encoder.encode(frame), as: UTF8.self))
        }
        let cursor = try await firstHello(hellos, answer: send)

        // Register before reading the log so that nothing committed from now on can be missed;
        // the sequence numbers remove the overlap.
        let (mailbox, cameOnline) = await hub.register(userId: userId)
        mailboxBox.withLockedValue { $0 = mailbox }
        if cameOnline { await hub.broadcastPresence(PresenceEntry(userId: userId, online: true, lastSeen: nil)) }

        var lastSent = cursor
        let bounds = try await store.eventBounds(userId: userId)
        if cursor < bounds.floor || cursor > bounds.current {
            try await send(.resync(cursor: bounds.current))
            lastSent = bounds.current
        }
        let store = self.store
        let userId = self.userId
        /// Sends the log after `lastSent`; the next page is read while this one is sent.
        func catchUp() async throws {
            var page = try await store.events(userId: userId, after: lastSent, limit: Self.pageSize)
            while true {
                let next = page.count == Self.pageSize ? page.last?.seq : nil
                let reading = next.map { after in
                    Task { try await store.events(userId: userId, after: after, limit: Self.pageSize) }
                }
                do {
                    for event in page {
                        try await send(.event(event))
                        lastSent = event.seq
                    }
                } catch {
                    reading?.cancel()
                    throw error
                }
                guard let reading else { return }
                page = try await reading.value
            }
        }
        try await catchUp()
        try await send(.ready(cursor: lastSent))
        let online = await hub.onlineUsers().sorted().map { PresenceEntry(userId: $0, online: true, lastSeen: nil) }
        try await send(.presence(online))

        for await item in mailbox.items {
            switch item {
            case .event(let event, let encodedData):
                if event.seq <= lastSent { break }
                if event.seq > lastSent + 1 {
                    try await catchUp()
                    if event.seq <= lastSent { break }
                }
                if let encodedData {
                    try await sendText(Self.eventFrame(event, encodedData: encodedData))
                } else {
                    try await send(.event(event))
                }
                lastSent = event.seq
            case .frame(let frame):
                try await send(frame)
            case .logReaches(let seq):
                if seq > lastSent { try await catchUp() }
            }
            if mailbox.takeLagged() { try await catchUp() }
        }
    }

    /// The `event` frame exactly as ``WireCoding`` writes it (sorted keys), around data that was
    /// encoded once for all recipients.
    static func eventFrame(_ event: SyncEvent, encodedData: String) -> String {
        #"{"createdAt":""# + WireDate.string(from: event.createdAt) + #"","data":"# + encodedData
            + #","op":"event","seq":"# + String(event.seq) + #","type":""# + event.type.rawValue + #""}"#
    }

    private func firstHello(
        _ hellos: AsyncStream<BeforeHello>,
        answer: (ServerFrame) async throws -> Void
    ) async throws -> Int64 {
        let deadline = ContinuousClock.now + .milliseconds(Int64(configuration.helloTimeoutSeconds * 1000))
        let (timeouts, timeoutContinuation) = AsyncStream.makeStream(of: BeforeHello?.self)
        // The timer and the reader feed one sequence, so waiting never outlives the deadline.
        let timer = Task {
            try? await Task.sleep(until: deadline)
            timeoutContinuation.yield(nil)
        }
        let forward = Task {
            for await item in hellos { timeoutContinuation.yield(item) }
            timeoutContinuation.yield(nil)
        }
        defer {
            timer.cancel()
            forward.cancel()
        }
        for await item in timeouts {
            switch item {
            case .hello(let cursor)?: return cursor
            case .refused(let frame)?: try await answer(frame)
            case nil: throw NoHello()
            }
        }
        throw NoHello()
    }

    private func watch(writeStarted: NIOLockedValueBox<ContinuousClock.Instant?>) async throws {
        let limit = Duration.milliseconds(Int64(configuration.sendTimeoutSeconds * 1000))
        let tick = max(Duration.milliseconds(50), limit / 4)
        while true {
            try await Task.sleep(for: tick)
            if let started = writeStarted.withLockedValue({ $0 }), ContinuousClock.now - started > limit {
                throw SlowConsumer()
            }
        }
    }
}
