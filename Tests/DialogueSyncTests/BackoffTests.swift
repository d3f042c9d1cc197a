import DialogueSync
import Testing

@Suite("Backoff with full jitter")
struct BackoffTests {
    @Test func ceilingDoublesUpToTheCap() {
        var backoff = Backoff(base: 0.5, cap: 60)
        var ceilings: [Double] = []
        for _ in 0..<10 {
            ceilings.append(backoff.ceiling)
            _ = backoff.nextDelay(unit: 1)
        }
        #expect(ceilings == [0.5, 1, 2, 4, 8, 16, 32, 60, 60, 60])
    }

    @Test func jitterSpansZeroToTheCeiling() {
        var low = Backoff()
        var high = Backoff()
        for _ in 0..<4 {
            _ = low.nextDelay(unit: 0.5)
            _ = high.nextDelay(unit: 0.5)
        }
        #expect(low.nextDelay(unit: 0) == 0)
        #expect(high.nextDelay(unit: 1) == 8)
        var clamped = Backoff()
        #expect(clamped.nextDelay(unit: 7) == 0.5)
    }

    @Test func retryAfterIsHonouredAndResetStartsOver() {
        var backoff = Backoff()
        #expect(backoff.nextDelay(unit: 0.1, retryAfter: 30) == 30)
        _ = backoff.nextDelay(unit: 1)
        #expect(backoff.attempt == 2)
        backoff.reset()
        #expect(backoff.ceiling == 0.5)
    }
}
