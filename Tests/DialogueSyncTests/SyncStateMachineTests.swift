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
}
