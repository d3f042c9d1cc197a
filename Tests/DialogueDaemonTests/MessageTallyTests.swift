import DialogueStore
import Foundation
import Testing

@testable import DialogueDaemon

/// Unread counts and the newest message per conversation, fed message by message.
@Suite struct MessageTallyTests {
    static let chat = "c0ffee00c0ffee00c0ffee00c0ffee00"

    static func message(_ id: String, from sender: String, at seconds: TimeInterval, seen: Bool = false)
        -> CachedMessage
    {
        CachedMessage(
            id: id, conversationId: chat, senderId: sender, text: id,
            createdAt: Date(timeIntervalSince1970: seconds), seen: seen, state: .sent)
    }

    @Test func othersUnreadMessagesCountUntilSeenOrDeleted() {
        var tally = MessageTally(me: "me")
        tally.note(Self.message("a", from: "bea", at: 1))
        tally.note(Self.message("b", from: "bea", at: 2))
        tally.note(Self.message("c", from: "me", at: 3))
        #expect(tally.unread(in: Self.chat) == 2)
        #expect(tally.unreadIds(in: Self.chat) == ["a", "b"])
        tally.note(Self.message("a", from: "bea", at: 1, seen: true))
        var deleted = Self.message("b", from: "bea", at: 2)
        deleted.deleted = true
        tally.note(deleted)
        #expect(tally.unread(in: Self.chat) == 0)
    }

    @Test func theNewestMessageStaysNewestWhenAnOlderOneChanges() {
        var tally = MessageTally(me: "me")
        tally.note(Self.message("old", from: "bea", at: 1))
        tally.note(Self.message("new", from: "bea", at: 2))
        tally.note(Self.message("old", from: "bea", at: 1, seen: true))
        #expect(tally.newest[Self.chat]?.id == "new")
        // The newest message itself changing is kept (an edit shows in the list).
        var edited = Self.message("new", from: "bea", at: 2)
        edited.text = "edited"
        tally.note(edited)
        #expect(tally.newest[Self.chat]?.text == "edited")
        tally.forget(Self.chat)
        #expect(tally.newest[Self.chat] == nil)
        #expect(tally.unread(in: Self.chat) == 0)
    }
}
