import DialogueProtocol
import DialogueSync
import Testing

/// The read-ahead between the WebSocket reader and the applier: order kept, everything already
/// read taken as one batch, a bound that makes the reader wait, and a finish that loses nothing
/// read and strands neither side.
@Suite struct FrameQueueTests {
    static func frame(_ cursor: Int64) -> ServerFrame { .ready(cursor: cursor) }

    static func cursors(_ frames: [ServerFrame]?) -> [Int64]? {
        frames?.map { frame in
            guard case .ready(let cursor) = frame else { return -1 }
            return cursor
        }
    }

    @Test func everyFrameAlreadyReadIsOneBatchInOrderUpToTheMaximum() async {
        let queue = FrameQueue(limit: 10)
        for cursor: Int64 in 1...5 { #expect(await queue.push(Self.frame(cursor))) }
        #expect(Self.cursors(await queue.take(maximum: 3)) == [1, 2, 3])
        #expect(Self.cursors(await queue.take(maximum: 3)) == [4, 5])
    }

    @Test func takingWhatIsAvailableNeverWaitsAndFreesRoomForTheReader() async {
        let queue = FrameQueue(limit: 2)
        #expect(Self.cursors(queue.takeAvailable(maximum: 4)) == [])
        #expect(await queue.push(Self.frame(1)))
        #expect(await queue.push(Self.frame(2)))
        let pushed = Task { await queue.push(Self.frame(3)) }
        try? await Task.sleep(for: .milliseconds(50))
        #expect(Self.cursors(queue.takeAvailable(maximum: 1)) == [1])
        #expect(await pushed.value)
        #expect(Self.cursors(queue.takeAvailable(maximum: 4)) == [2, 3])
    }

    @Test func aTakerWaitsForTheFirstFrame() async {
        let queue = FrameQueue(limit: 10)
        async let batch = queue.take(maximum: 8)
        try? await Task.sleep(for: .milliseconds(50))
        #expect(await queue.push(Self.frame(7)))
        #expect(Self.cursors(await batch) == [7])
    }

    @Test func aFullQueueMakesTheReaderWaitUntilTheApplierTakes() async {
        let queue = FrameQueue(limit: 2)
        #expect(await queue.push(Self.frame(1)))
        #expect(await queue.push(Self.frame(2)))
        let pushed = Task { await queue.push(Self.frame(3)) }
        try? await Task.sleep(for: .milliseconds(50))
        #expect(Self.cursors(await queue.take(maximum: 10)) == [1, 2])
        #expect(await pushed.value)
        #expect(Self.cursors(await queue.take(maximum: 10)) == [3])
    }

    @Test func theReaderFinishingLeavesWhatItReadThenEnds() async {
        let queue = FrameQueue(limit: 10)
        #expect(await queue.push(Self.frame(1)))
        queue.finish()
        #expect(Self.cursors(await queue.take(maximum: 10)) == [1])
        #expect(Self.cursors(await queue.take(maximum: 10)) == nil)
    }

    @Test func theApplierStoppingReleasesAWaitingReaderAndATaker() async {
        let full = FrameQueue(limit: 1)
        #expect(await full.push(Self.frame(1)))
        let pushed = Task { await full.push(Self.frame(2)) }
        try? await Task.sleep(for: .milliseconds(50))
        full.finish()
        #expect(await pushed.value == false)
        #expect(await full.push(Self.frame(3)) == false)

        let empty = FrameQueue(limit: 1)
        let taken = Task { await empty.take(maximum: 1) }
        try? await Task.sleep(for: .milliseconds(50))
        empty.finish()
        #expect(Self.cursors(await taken.value) == nil)
    }
}
