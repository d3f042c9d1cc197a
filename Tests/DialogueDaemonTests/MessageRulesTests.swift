import DialogueStore
import Foundation
import Testing

@testable import DialogueDaemon

/// The checks a message change passes before it is queued: who may change what, the 15-minute
/// edit window, and how much text a message holds.
@Suite struct MessageRulesTests {
    static let sentAt = Date(timeIntervalSince1970: 1_000_000)

    static func message(from sender: String = "me", deleted: Bool = false, image: Bool = false) -> CachedMessage {
        var message = CachedMessage(
            id: "m1", conversationId: "c1", senderId: sender, text: "hi", createdAt: sentAt, seen: true, state: .sent)
        message.deleted = deleted
        if image {
            message.attachment = CachedAttachment(
                blobId: "b1", key: Data(count: 32), sha256: Data(count: 32), length: 1, mime: "image/png", width: 1,
                height: 1, name: nil)
        }
        return message
    }

    static func code(_ body: () throws(DaemonError) -> Void) -> DaemonError.Code? {
        do throws(DaemonError) {
            try body()
            return nil
        } catch {
            return error.code
        }
    }

    @Test func aNewMessageNeedsTextOrAnAttachmentWithinTheSizeLimit() {
        #expect(
            Self.code { () throws(DaemonError) in try MessageRules.checkNew(text: "hi", hasAttachment: false) } == nil)
        #expect(
            Self.code { () throws(DaemonError) in try MessageRules.checkNew(text: " \n", hasAttachment: true) } == nil)
        #expect(
            Self.code { () throws(DaemonError) in try MessageRules.checkNew(text: " \n", hasAttachment: false) }
                == .invalidInput)
        let long = String(repeating: "a", count: 64 * 1024 + 1)
        #expect(
            Self.code { () throws(DaemonError) in try MessageRules.checkNew(text: long, hasAttachment: false) }
                == .invalidInput)
    }

    @Test func onlyOwnTextMessagesAreEditedWithinFifteenMinutes() {
        func edit(_ message: CachedMessage, _ text: String = "better", after seconds: TimeInterval = 60)
            -> DaemonError.Code?
        {
            Self.code { () throws(DaemonError) in
                try MessageRules.checkEdit(
                    of: message, to: text, me: "me", now: Self.sentAt.addingTimeInterval(seconds))
            }
        }
        #expect(edit(Self.message()) == nil)
        #expect(edit(Self.message(), after: 15 * 60) == nil)
        #expect(edit(Self.message(), after: 15 * 60 + 1) == .forbidden)
        #expect(edit(Self.message(from: "bea")) == .forbidden)
        #expect(edit(Self.message(deleted: true)) == .forbidden)
        #expect(edit(Self.message(image: true)) == .forbidden)
        #expect(edit(Self.message(), "  ") == .invalidInput)
    }

    @Test func ownMessagesAreDeletedAndAnAdminDeletesAnyones() {
        func delete(_ message: CachedMessage, admin: Bool) -> DaemonError.Code? {
            Self.code { () throws(DaemonError) in try MessageRules.checkDelete(of: message, me: "me", isAdmin: admin) }
        }
        #expect(delete(Self.message(), admin: false) == nil)
        #expect(delete(Self.message(from: "bea"), admin: false) == .forbidden)
        #expect(delete(Self.message(from: "bea"), admin: true) == nil)
    }

    @Test func aReactionIsOneEmojiOnAMessageNotDeleted() {
        func react(_ emoji: String, on message: CachedMessage = Self.message()) -> DaemonError.Code? {
            Self.code { () throws(DaemonError) in try MessageRules.checkReaction(emoji, on: message) }
        }
        #expect(react("👍") == nil)
        #expect(react("👍🏽") == nil)
        #expect(react("") == .invalidInput)
        #expect(react("abc") == .invalidInput)
        #expect(react("👍", on: Self.message(deleted: true)) == .forbidden)
    }
}
