import DialogueSync
import Testing

@Suite("Typing debounce and aggregation")
struct TypingTests {
    @Test func oneStartThenAStopAfterASecondOfQuiet() {
        var debouncer = TypingDebouncer(quiet: 1, refresh: 3)
        #expect(debouncer.update(typing: true, now: 0) == [.sendStart])
        #expect(debouncer.update(typing: true, now: 0.25) == [])
        #expect(debouncer.update(typing: true, now: 0.75) == [])
        #expect(debouncer.tick(now: 1.5) == [])
        #expect(debouncer.nextDeadline == 1.75)
        #expect(debouncer.tick(now: 1.75) == [.sendStop])
        #expect(debouncer.tick(now: 5) == [])
        #expect(debouncer.update(typing: true, now: 6) == [.sendStart])
        #expect(debouncer.update(typing: false, now: 6.2) == [.sendStop])
        #expect(debouncer.update(typing: false, now: 6.3) == [])
    }

    @Test func longTypingRefreshesTheStart() {
        var debouncer = TypingDebouncer(quiet: 1, refresh: 3)
        var starts = 0
        var now = 0.0
        while now < 10 {
            starts += debouncer.update(typing: true, now: now).count
            now += 0.5
        }
        #expect(starts == 4)
    }

    @Test func aggregatorSortsAndExpires() {
        var typing = TypingAggregator(expiry: 6)
        #expect(typing.received(conversationId: "c", userId: "bob", typing: true, now: 0) == ["bob"])
        #expect(typing.received(conversationId: "c", userId: "amy", typing: true, now: 1) == ["amy", "bob"])
        #expect(typing.received(conversationId: "c", userId: "amy", typing: true, now: 2) == nil)
        #expect(typing.received(conversationId: "c", userId: "bob", typing: false, now: 3) == ["amy"])
        #expect(typing.expire(now: 7).isEmpty)
        #expect(typing.expire(now: 8.1) == ["c": []])
        #expect(typing.users(in: "c", now: 9).isEmpty)
    }
}
