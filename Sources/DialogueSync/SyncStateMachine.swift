import DialogueProtocol

/// The client side of the event stream as a pure state machine: feed it what happened, do what
/// it returns. It owns the resume cursor, the reconnect policy and the rule that an event is
/// applied exactly once and in order; the service around it only does I/O.
///
/// The cursor moves only when the service reports an event applied (``applied(_:)``): an event
/// whose apply failed (``applyFailed(error:now:retryAfter:unit:)``) is asked for again on the
/// next connection, so a failure half-way through a backlog never skips anything.
public struct SyncStateMachine: Sendable {
    public enum State: Equatable, Sendable {
        /// Not started, or stopped (locked, signed out, shutting down).
        case idle
        /// A connection attempt is under way.
        case connecting
        /// Connected; `replaying` until the server says `ready`.
        case connected(replaying: Bool, since: Double)
        /// Waiting `until` (a monotonic time in seconds) before the next attempt.
        case waiting(until: Double, lastError: String)
    }

    public enum Action: Equatable, Sendable {
        /// Open the WebSocket and say hello with this cursor.
        case connect(cursor: Int64)
        /// Store the event's effects and its sequence number atomically, then report
        /// ``applied(_:)`` or ``applyFailed(error:now:retryAfter:unit:)``.
        case apply(SyncEvent)
        /// The server no longer has our history: refetch conversations and messages, then report
        /// ``refetched(cursor:)`` (or ``applyFailed(error:now:retryAfter:unit:)``).
        case refetchState(cursor: Int64)
        /// Tell the server how far this client has stored, so it can trim what it buffers.
        case acknowledge(cursor: Int64)
        /// Close the connection (a protocol violation, a failed apply or a stop).
        case disconnect
        /// Call ``timerFired(now:)`` after this many seconds.
        case scheduleRetry(after: Double)
        /// Tell front ends.
        case publish(ConnectionStatus)
    }

    public private(set) var state: State = .idle
    /// The last sequence number stored.
    public private(set) var cursor: Int64
    /// The highest sequence number handed out in ``Action/apply(_:)`` and not yet reported
    /// applied; `nil` when everything handed out is stored.
    public private(set) var inFlight: Int64?
    /// The cursor last sent in ``Action/acknowledge(cursor:)``.
    private var acknowledged: Int64
    private var backoff: Backoff
    /// How long a connection must stay up before the backoff starts again from its base.
    public let healthyAfter: Double
    /// How many applied events make an ``Action/acknowledge(cursor:)``.
    public let acknowledgeEvery: Int64

    public init(cursor: Int64, backoff: Backoff = Backoff(), healthyAfter: Double = 30, acknowledgeEvery: Int64 = 100) {
        self.cursor = cursor
        self.acknowledged = cursor
        self.backoff = backoff
        self.healthyAfter = healthyAfter
        self.acknowledgeEvery = acknowledgeEvery
    }

    public var status: ConnectionStatus {
        switch state {
        case .idle: ConnectionStatus(state: .offline)
        case .connecting: ConnectionStatus(state: .connecting)
        case .connected(let replaying, _): ConnectionStatus(state: replaying ? .connecting : .online)
        case .waiting(_, let lastError): ConnectionStatus(state: .offline, lastError: lastError)
        }
    }

    /// The last sequence number handed out, applied or not: what the next event must follow.
    private var handedOut: Int64 { inFlight ?? cursor }

    /// Start syncing (after unlock and sign-in).
    public mutating func start() -> [Action] {
        guard case .idle = state else { return [] }
        state = .connecting
        return [.connect(cursor: cursor), .publish(status)]
    }

    /// Stop syncing (lock, sign-out, shutdown).
    public mutating func stop() -> [Action] {
        let wasConnected = if case .connected = state { true } else { false }
        state = .idle
        inFlight = nil
        return (wasConnected ? [.disconnect] : []) + [.publish(status)]
    }

    /// The WebSocket is open and hello was sent.
    public mutating func connected(now: Double) -> [Action] {
        guard case .connecting = state else { return [] }
        state = .connected(replaying: true, since: now)
        acknowledged = cursor
        return [.publish(status)]
    }

    /// A frame arrived.
    public mutating func received(_ frame: ServerFrame, now: Double) -> [Action] {
        guard case .connected(let replaying, let since) = state else { return [] }
        var actions: [Action] = []
        if now - since >= healthyAfter { backoff.reset() }
        switch frame {
        case .event(let event):
            if event.seq <= handedOut { return actions }
            guard event.seq == handedOut + 1 else {
                // A gap means this connection cannot be trusted; resume from our cursor.
                return fail("the server skipped from \(handedOut) to \(event.seq)", now: now, retryAfter: nil)
            }
            inFlight = event.seq
            actions.append(.apply(event))
        case .ready(let serverCursor):
            if serverCursor > handedOut {
                return fail(
                    "the server was ready at \(serverCursor) but sent only up to \(handedOut)", now: now,
                    retryAfter: nil)
            }
            if replaying {
                state = .connected(replaying: false, since: since)
                actions.append(.publish(status))
            }
        case .resync(let serverCursor):
            inFlight = serverCursor
            actions.append(.refetchState(cursor: serverCursor))
        case .typing, .presence, .error:
            break
        }
        return actions
    }

    /// Every event up to `seq` is stored (with `seq` as the stored cursor).
    public mutating func applied(_ seq: Int64) -> [Action] {
        guard case .connected = state, let inFlight, seq > cursor, seq <= inFlight else { return [] }
        cursor = seq
        if seq == inFlight { self.inFlight = nil }
        guard cursor - acknowledged >= acknowledgeEvery else { return [] }
        acknowledged = cursor
        return [.acknowledge(cursor: cursor)]
    }

    /// The state refetched after `resync` is stored, and with it `cursor`.
    public mutating func refetched(cursor: Int64) -> [Action] {
        guard case .connected = state, inFlight == cursor else { return [] }
        self.cursor = cursor
        inFlight = nil
        acknowledged = cursor
        return []
    }

    /// Applying the event (or the refetch) in flight failed for a reason that may pass (the
    /// server unreachable during a key fetch): drop the connection and ask for it again, from the
    /// cursor, after the backoff.
    public mutating func applyFailed(error: String, now: Double, retryAfter: Double? = nil, unit: Double) -> [Action] {
        guard case .connected = state else { return [] }
        inFlight = nil
        return [.disconnect] + disconnected(error: error, now: now, retryAfter: retryAfter, unit: unit)
    }

    /// The connection closed or could not be opened.
    public mutating func disconnected(error: String, now: Double, retryAfter: Double? = nil, unit: Double) -> [Action] {
        switch state {
        case .connecting, .connected: break
        case .idle, .waiting: return []
        }
        // Whatever was handed out and not reported applied is asked for again.
        inFlight = nil
        if case .connected(_, let since) = state, now - since >= healthyAfter { backoff.reset() }
        let delay = backoff.nextDelay(unit: unit, retryAfter: retryAfter)
        state = .waiting(until: now + delay, lastError: error)
        var status = self.status
        status.retryInSeconds = delay
        return [.scheduleRetry(after: delay), .publish(status)]
    }

    /// The retry timer fired.
    public mutating func timerFired(now: Double) -> [Action] {
        guard case .waiting(let until, _) = state, now >= until else { return [] }
        state = .connecting
        return [.connect(cursor: cursor), .publish(status)]
    }

    /// A front end asked to reconnect now (`daemon.status` shows offline and the user hit retry).
    public mutating func retryNow() -> [Action] {
        guard case .waiting = state else { return [] }
        state = .connecting
        return [.connect(cursor: cursor), .publish(status)]
    }

    /// Whether the connection is up and the replay is over.
    public var isOnline: Bool { status.state == .online }

    private mutating func fail(_ reason: String, now: Double, retryAfter: Double?) -> [Action] {
        [.disconnect] + disconnected(error: reason, now: now, retryAfter: retryAfter, unit: 0)
    }
}
