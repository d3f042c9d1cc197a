import DialogueRPC
import DialogueStore
import Foundation
import Testing

@testable import DialogueDaemon

/// The writes of a batch of synced events: held until saved with the cursor, read back by the
/// events after them, dropped with the event that failed, and never older than a local write.
@Suite struct SyncWriteBatchTests {
    static func message(_ id: String, in conversation: String = "c1", text: String = "hi") -> CachedMessage {
        CachedMessage(
            id: id, conversationId: conversation, senderId: "u2", text: text, createdAt: Date(timeIntervalSince1970: 1))
    }

    @Test func aFinishedEventsWritesAreReadBackAndSavedWithItsCursor() {
        var batch = SyncWriteBatch()
        batch.stage([Self.message("m1")], announcing: [])
        #expect(batch.message("m1")?.text == "hi")
        #expect(batch.writes.isEmpty)
        batch.finishEvent(7)
        #expect(batch.cursor == 7)
        #expect(batch.writes.map(\.id) == ["m1"])
        #expect(batch.message("m1")?.text == "hi")
        #expect(batch.message("m2") == nil)
    }

    @Test func aMessageWrittenTwiceIsSavedOnceInItsNewestFormWhereItFirstCame() {
        var batch = SyncWriteBatch()
        batch.stage([Self.message("m1"), Self.message("m2")], announcing: [])
        batch.finishEvent(1)
        var reacted = Self.message("m1", text: "hi")
        reacted.seen = true
        batch.stage([reacted], announcing: [])
        #expect(batch.message("m1")?.seen == true)
        batch.finishEvent(2)
        #expect(batch.writes.map(\.id) == ["m1", "m2"])
        #expect(batch.writes.first?.seen == true)
        #expect(batch.cursor == 2)
    }

    @Test func aFailedEventLeavesNothingAndTheCursorBeforeIt() {
        var batch = SyncWriteBatch()
        batch.stage(
            [Self.message("m1")], announcing: [.publish(.conversationRemoved(ConversationRemovedView(id: "c9")))])
        batch.finishEvent(3)
        batch.stage(
            [Self.message("m1", text: "changed"), Self.message("m2")],
            announcing: [.arrived(Self.message("m2"), alert: true, awaiting: nil)])
        batch.abandonEvent()
        #expect(batch.cursor == 3)
        #expect(batch.writes.map(\.text) == ["hi"])
        #expect(batch.message("m2") == nil)
        #expect(batch.announcements.count == 1)
    }

    @Test func announcementsComeInTheEventsOrderOnlyOnceTheirEventIsDone() {
        var batch = SyncWriteBatch()
        let first = SyncWriteBatch.Announcement.arrived(Self.message("m1"), alert: false, awaiting: nil)
        let second = SyncWriteBatch.Announcement.publish(.conversationRemoved(ConversationRemovedView(id: "c1")))
        batch.stage([Self.message("m1")], announcing: [])
        batch.announce(first)
        #expect(batch.announcements.isEmpty)
        batch.finishEvent(1)
        batch.announce(second)
        batch.finishEvent(2)
        #expect(batch.announcements == [first, second])
    }

    @Test func aLocalWriteReplacesTheBatchsOlderCopy() {
        var batch = SyncWriteBatch()
        batch.stage([Self.message("m1")], announcing: [])
        batch.finishEvent(1)
        batch.stage([Self.message("m2")], announcing: [])
        batch.replace(with: Self.message("m1", text: "edited here"))
        batch.replace(with: Self.message("m2", text: "downloaded"))
        batch.replace(with: Self.message("m3", text: "not in the batch"))
        batch.finishEvent(2)
        #expect(batch.writes.map(\.text) == ["edited here", "downloaded"])
        #expect(batch.message("m3") == nil)
    }

    @Test func aForgottenConversationsMessagesAreNotSavedOrAnnounced() {
        var batch = SyncWriteBatch()
        batch.stage([Self.message("m1", in: "gone"), Self.message("m2", in: "kept")], announcing: [])
        batch.announce(.arrived(Self.message("m1", in: "gone"), alert: true, awaiting: nil))
        batch.finishEvent(1)
        batch.stage([Self.message("m3", in: "gone")], announcing: [])
        batch.forget(conversation: "gone")
        batch.finishEvent(2)
        #expect(batch.writes.map(\.id) == ["m2"])
        #expect(batch.message("m1") == nil)
        #expect(batch.announcements.isEmpty)
        #expect(batch.cursor == 2)
    }
}
