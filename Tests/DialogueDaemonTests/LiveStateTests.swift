import DialogueProtocol
import DialogueRPC
import Foundation
import Testing

@testable import DialogueDaemon

/// Typing and presence as values: which frames go out and which notifications are published,
/// with the clock passed in.
@Suite struct LiveStateTests {
    static let chat = "c0ffee00c0ffee00c0ffee00c0ffee00"

    @Test func keyPressesBecomeOneStartAndAStopAfterAQuietSecond() {
        var live = LiveState()
        #expect(live.typed(true, in: Self.chat, now: 100) == [.typing(conversationId: Self.chat, typing: true)])
        #expect(live.typed(true, in: Self.chat, now: 100.4).isEmpty)
        #expect(live.tick(now: 101).frames.isEmpty)
        #expect(live.tick(now: 101.5).frames == [.typing(conversationId: Self.chat, typing: false)])
        #expect(live.tick(now: 102).frames.isEmpty)
        // Sending the message stops at once.
        _ = live.typed(true, in: Self.chat, now: 110)
        #expect(live.typed(false, in: Self.chat, now: 110.2) == [.typing(conversationId: Self.chat, typing: false)])
    }

    @Test func othersTypingIsListedAndExpiresWhenTheirStopNeverComes() {
        var live = LiveState()
        #expect(
            live.received(typing: true, userId: "bea", conversationId: Self.chat, now: 100)
                == TypingView(conversationId: Self.chat, userIds: ["bea"]))
        #expect(
            live.received(typing: true, userId: "al", conversationId: Self.chat, now: 101)
                == TypingView(conversationId: Self.chat, userIds: ["al", "bea"]))
        // A repeat changes nothing, so nothing is published.
        #expect(live.received(typing: true, userId: "al", conversationId: Self.chat, now: 101.5) == nil)
        #expect(live.tick(now: 106.5).typing == [TypingView(conversationId: Self.chat, userIds: ["al"])])
        #expect(live.tick(now: 120).typing == [TypingView(conversationId: Self.chat, userIds: [])])
    }

    @Test func presenceChangesArePublishedOnceAndGoOfflineWithTheConnection() {
        var live = LiveState()
        let seen = Date(timeIntervalSince1970: 1_800_000_000)
        let snapshot = [
            PresenceEntry(userId: "bea", online: true, lastSeen: nil),
            PresenceEntry(userId: "al", online: false, lastSeen: seen),
        ]
        #expect(live.received(presence: snapshot).count == 2)
        #expect(live.received(presence: snapshot).isEmpty)
        #expect(live.list.map(\.userId) == ["al", "bea"])
        let offline = live.wentOffline()
        #expect(offline.map(\.userId) == ["bea"])
        #expect(offline.map(\.online) == [false])
        #expect(live.list.allSatisfy { !$0.online })
        #expect(live.wentOffline().isEmpty)
    }
}
