import DialogueProtocol
import DialogueSync
import Foundation
import Testing

@Suite("The sync state machine")
struct SyncStateMachineTests {
    static func event(_ seq: Int64) -> ServerFrame {
        .event(SyncEvent(seq: seq, type: .messageNew, createdAt: Date(timeIntervalSince1970: 0), data: EventData()))
    }

    @Test func connectReplayReadyThenLive() {
        var machine = SyncStateMachine(cursor: 5)
        #expect(machine.start() == [.connect(cursor: 5), .publish(ConnectionStatus(state: .connecting))])
        #expect(machine.start().isEmpty)
        #expect(machine.connected(now: 0) == [.publish(ConnectionStatus(state: .connecting))])
        let applied = machine.received(Self.event(6), now: 1)
        guard case .apply(let event) = applied.first else {
            Issue.record("expected apply, got \(applied)")
            return
        }
        #expect(event.seq == 6)
        // Handed out is not stored: the cursor waits for the consumer's word.
        #expect(machine.cursor == 5)
        #expect(machine.applied(6).isEmpty)
        #expect(machine.received(.ready(cursor: 6), now: 1) == [.publish(ConnectionStatus(state: .online))])
        #expect(machine.isOnline)
        #expect(machine.cursor == 6)
    }

    @Test func duplicatesAreDroppedAndGapsReconnect() {
        var machine = SyncStateMachine(cursor: 10)
        _ = machine.start()
        _ = machine.connected(now: 0)
        #expect(machine.received(Self.event(9), now: 0).isEmpty)
        #expect(machine.received(Self.event(10), now: 0).isEmpty)
        let gap = machine.received(Self.event(12), now: 0)
        #expect(gap.first == .disconnect)
        #expect(gap.contains(.scheduleRetry(after: 0)))
        #expect(machine.cursor == 10)
        guard case .waiting = machine.state else {
            Issue.record("expected waiting, got \(machine.state)")
            return
        }
        // The retry resumes from the cursor that was stored, not from what was skipped.
        #expect(machine.timerFired(now: 0).first == .connect(cursor: 10))
    }

    @Test func resyncRefetchesAndMovesTheCursor() {
        var machine = SyncStateMachine(cursor: 3)
        _ = machine.start()
        _ = machine.connected(now: 0)
        #expect(machine.received(.resync(cursor: 40), now: 0) == [.refetchState(cursor: 40)])
        #expect(machine.cursor == 3)
        #expect(machine.refetched(cursor: 40).isEmpty)
        #expect(machine.cursor == 40)
        #expect(machine.received(Self.event(41), now: 0).count == 1)
    }

    @Test func failuresBackOffAndAHealthyConnectionResets() {
        var machine = SyncStateMachine(cursor: 0, backoff: Backoff(base: 1, cap: 8), healthyAfter: 30)
        _ = machine.start()
        var delays: [Double] = []
        var now = 0.0
        for _ in 0..<5 {
            let actions = machine.disconnected(error: "refused", now: now, unit: 1)
            for case .scheduleRetry(let delay) in actions { delays.append(delay) }
            #expect(machine.timerFired(now: now).isEmpty, "fired before the delay")
            now += delays.last ?? 0
            #expect(machine.timerFired(now: now).first == .connect(cursor: 0))
        }
        #expect(delays == [1, 2, 4, 8, 8])
        #expect(machine.status.state == .connecting)
        _ = machine.connected(now: now)
        _ = machine.received(.ready(cursor: 0), now: now)
        let afterHealthy = machine.disconnected(error: "closed", now: now + 31, unit: 1)
        #expect(afterHealthy.contains(.scheduleRetry(after: 1)))
        let status = machine.status
        #expect(status.state == .offline)
        #expect(status.lastError == "closed")
    }

    @Test func retryAfterAndRetryNow() {
        var machine = SyncStateMachine(cursor: 0)
        _ = machine.start()
        let actions = machine.disconnected(error: "rate limited", now: 0, retryAfter: 42, unit: 0)
        #expect(actions.contains(.scheduleRetry(after: 42)))
        #expect(
            actions.contains(.publish(ConnectionStatus(state: .offline, retryInSeconds: 42, lastError: "rate limited")))
        )
        #expect(machine.retryNow().first == .connect(cursor: 0))
        #expect(machine.retryNow().isEmpty)
    }

    @Test func stopDisconnectsAndIgnoresLateFrames() {
        var machine = SyncStateMachine(cursor: 0)
        _ = machine.start()
        _ = machine.connected(now: 0)
        #expect(machine.stop() == [.disconnect, .publish(ConnectionStatus(state: .offline))])
        #expect(machine.received(Self.event(1), now: 0).isEmpty)
        #expect(machine.disconnected(error: "x", now: 0, unit: 0).isEmpty)
        #expect(machine.cursor == 0)
    }

    /// The hole this machine closes: an apply that fails (the server unreachable during a key
    /// fetch) must not move the cursor, so the reconnect asks for the same event again.
    @Test func aFailedApplyIsAskedForAgain() {
        var machine = SyncStateMachine(cursor: 5, backoff: Backoff(base: 1, cap: 8))
        _ = machine.start()
        _ = machine.connected(now: 0)
        #expect(machine.received(Self.event(6), now: 0).map(\.kind) == ["apply"])
        let failed = machine.applyFailed(error: "the server cannot be reached", now: 0, unit: 1)
        #expect(failed.first == .disconnect)
        #expect(failed.contains(.scheduleRetry(after: 1)))
        #expect(
            failed.contains(
                .publish(
                    ConnectionStatus(state: .offline, retryInSeconds: 1, lastError: "the server cannot be reached"))))
        #expect(machine.cursor == 5)
        #expect(machine.inFlight == nil)
        // A late report for the abandoned event changes nothing.
        #expect(machine.applied(6).isEmpty)
        #expect(machine.cursor == 5)
        #expect(machine.timerFired(now: 1).first == .connect(cursor: 5))
        _ = machine.connected(now: 1)
        #expect(machine.received(Self.event(6), now: 1).map(\.kind) == ["apply"])
        #expect(machine.applied(6).isEmpty)
        #expect(machine.cursor == 6)
    }

    @Test func aFailedApplyHonoursRetryAfter() {
        var machine = SyncStateMachine(cursor: 0)
        _ = machine.start()
        _ = machine.connected(now: 0)
        _ = machine.received(Self.event(1), now: 0)
        #expect(
            machine.applyFailed(error: "slow down", now: 0, retryAfter: 30, unit: 0).contains(.scheduleRetry(after: 30))
        )
        #expect(machine.cursor == 0)
    }

    @Test func aConnectionLostMidApplyResumesFromTheStoredCursor() {
        var machine = SyncStateMachine(cursor: 10)
        _ = machine.start()
        _ = machine.connected(now: 0)
        _ = machine.received(Self.event(11), now: 0)
        _ = machine.received(Self.event(12), now: 0)
        #expect(machine.inFlight == 12)
        #expect(machine.applied(11).isEmpty)
        _ = machine.disconnected(error: "closed", now: 0, unit: 0)
        #expect(machine.cursor == 11)
        #expect(machine.timerFired(now: 0).first == .connect(cursor: 11))
    }

    @Test func eventsMayBeHandedOutBeforeTheEarlierOnesAreStored() {
        var machine = SyncStateMachine(cursor: 0)
        _ = machine.start()
        _ = machine.connected(now: 0)
        for seq in Int64(1)...3 { #expect(machine.received(Self.event(seq), now: 0).map(\.kind) == ["apply"]) }
        // A duplicate of one in flight is dropped; the next must follow the last handed out.
        #expect(machine.received(Self.event(2), now: 0).isEmpty)
        #expect(machine.received(Self.event(5), now: 0).first == .disconnect)
        #expect(machine.cursor == 0)
    }

    @Test func appliedOutsideWhatWasHandedOutIsIgnored() {
        var machine = SyncStateMachine(cursor: 4)
        _ = machine.start()
        _ = machine.connected(now: 0)
        #expect(machine.applied(5).isEmpty)
        _ = machine.received(Self.event(5), now: 0)
        #expect(machine.applied(9).isEmpty)
        #expect(machine.applied(4).isEmpty)
        #expect(machine.cursor == 4)
        _ = machine.applied(5)
        #expect(machine.cursor == 5)
    }

    @Test func readyBeforeTheHandedOutEventsIsNotAGap() {
        var machine = SyncStateMachine(cursor: 0)
        _ = machine.start()
        _ = machine.connected(now: 0)
        _ = machine.received(Self.event(1), now: 0)
        // Ready at 1 while 1 is still being applied: nothing was skipped.
        #expect(machine.received(.ready(cursor: 1), now: 0) == [.publish(ConnectionStatus(state: .online))])
        #expect(machine.received(.ready(cursor: 2), now: 0).first == .disconnect)
    }

    @Test func aFailedRefetchKeepsTheOldCursor() {
        var machine = SyncStateMachine(cursor: 3)
        _ = machine.start()
        _ = machine.connected(now: 0)
        _ = machine.received(.resync(cursor: 40), now: 0)
        #expect(machine.applyFailed(error: "offline", now: 0, unit: 0).first == .disconnect)
        #expect(machine.refetched(cursor: 40).isEmpty)
        #expect(machine.cursor == 3)
        #expect(machine.timerFired(now: 0).first == .connect(cursor: 3))
    }

    @Test func storedEventsAreAcknowledgedInSteps() {
        var machine = SyncStateMachine(cursor: 0, acknowledgeEvery: 3)
        _ = machine.start()
        _ = machine.connected(now: 0)
        var acknowledgements: [Int64] = []
        for seq in Int64(1)...7 {
            _ = machine.received(Self.event(seq), now: 0)
            for case .acknowledge(let cursor) in machine.applied(seq) { acknowledgements.append(cursor) }
        }
        #expect(acknowledgements == [3, 6])
    }
}

extension SyncStateMachine.Action {
    /// The action's case name, for comparing lists of actions whose payloads do not matter.
    fileprivate var kind: String {
        switch self {
        case .connect: "connect"
        case .apply: "apply"
        case .refetchState: "refetchState"
        case .acknowledge: "acknowledge"
        case .disconnect: "disconnect"
        case .scheduleRetry: "scheduleRetry"
        case .publish: "publish"
        }
    }
}
