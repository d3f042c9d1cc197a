import DialogueProtocol
import Foundation
import Testing

@testable import DialogueSync

/// When the applier waits for more frames: during the replay after hello (until `ready`), or after
/// a large take; never for a live event, a full batch, or a take that ends the replay.
@Suite struct BatchGatheringTests {
    static let rule = BatchGathering(limit: 8, threshold: 4)

    static func events(_ count: Int) -> [ServerFrame] {
        (0..<count).map { index in
            .event(
                SyncEvent(
                    seq: Int64(index + 1), type: .messageNew, createdAt: Date(timeIntervalSince1970: 0),
                    data: EventData()))
        }
    }

    @Test func aLiveEventIsAppliedAtOnce() {
        #expect(!Self.rule.waits(after: Self.events(1), replaying: false))
        #expect(!Self.rule.waits(after: Self.events(3), replaying: false))
    }

    @Test func aReplayWaitsForMoreEvenAfterASmallTake() {
        #expect(Self.rule.waits(after: Self.events(1), replaying: true))
        #expect(Self.rule.waits(after: [], replaying: true))
    }

    @Test func aTakeThatEndsTheReplayDoesNotWait() {
        #expect(!Self.rule.waits(after: Self.events(2) + [.ready(cursor: 2)], replaying: true))
    }

    @Test func aLargeTakeWaitsAfterTheReplayTooButAFullBatchNever() {
        #expect(Self.rule.waits(after: Self.events(4), replaying: false))
        #expect(Self.rule.waits(after: Self.events(7), replaying: false))
        #expect(!Self.rule.waits(after: Self.events(8), replaying: false))
        #expect(!Self.rule.waits(after: Self.events(8), replaying: true))
    }
}
