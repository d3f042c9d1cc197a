import DialogueCrypto
import DialogueProtocol
import DialogueStore
import Foundation
import Testing

@testable import DialogueDaemon

/// The event-application rules as values: no server, no cache, no keys. The session's end-to-end
/// tests show the same rules through real envelopes; these pin each decision on its own.
@Suite struct EventApplierTests {
    static let me = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    static let friend = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    static let conversation = "c0ffee00c0ffee00c0ffee00c0ffee00"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let applier = EventApplier(me: Self.me, now: Self.now)
    let id = EventID.random()

    func message(from sender: String = Self.friend, age: TimeInterval = 5, seenBy: [String] = []) -> Message {
        Message(
            id: id.hex, conversationId: Self.conversation, senderId: sender, senderDeviceId: "d", epoch: 1,
            envelope: Bytes(Data([1])), blobIds: [], createdAt: Self.now.addingTimeInterval(-age), seenBy: seenBy)
    }

    func cached(from sender: String = Self.friend, text: String = "hello") -> CachedMessage {
        CachedMessage(
            id: id.hex, conversationId: Self.conversation, senderId: sender, text: text,
            createdAt: Self.now.addingTimeInterval(-5), seen: false, state: .sent)
    }

    // MARK: - Dispatch

    @Test func eachEventTypeMapsToItsStepAndAnIncompletePayloadIsIgnored() {
        func event(_ type: EventType, _ data: EventData = EventData()) -> SyncEvent {
            SyncEvent(seq: 7, type: type, createdAt: Self.now, data: data)
        }
        let message = message()
        #expect(applier.plan(event(.messageNew, EventData(message: message))) == .newMessage(message))
        #expect(applier.plan(event(.messageEdited, EventData(message: message))) == .editedMessage(message))
        #expect(applier.plan(event(.messageDeleted, EventData(message: message))) == .deletedMessage(message))
        #expect(
            applier.plan(event(.conversationDeleted, EventData(conversationId: Self.conversation)))
                == .forget(conversationId: Self.conversation))
        #expect(applier.plan(event(.keysUpdated, EventData(userId: Self.friend))) == .refreshKeys(userId: Self.friend))
        // Our own keys were published by this device; nothing to fetch.
        #expect(applier.plan(event(.keysUpdated, EventData(userId: Self.me))) == .ignore)
        for type in EventType.allCases where type != .devicePending && type != .deviceBundle {
            #expect(applier.plan(event(type)) == .ignore, "an empty \(type.rawValue) payload")
        }
        let reaction = Reaction(
            id: EventID.random().hex, messageId: id.hex, userId: Self.friend, deviceId: "d", epoch: 1,
            envelope: Bytes(Data([2])), createdAt: Self.now)
        #expect(applier.plan(event(.messageReaction, EventData(reaction: reaction))) == .ignore)
        #expect(
            applier.plan(event(.messageReaction, EventData(conversationId: Self.conversation, reaction: reaction)))
                == .reaction(reaction, conversationId: Self.conversation))
    }

    // MARK: - New messages

    @Test func aFreshMessageFromSomeoneElseIsUnreadAndAlerts() throws {
        let effects = try applier.received(
            message(), sender: Self.friend, plaintext: .message(body: "hi", reply: nil, attachments: []), edit: nil)
        #expect(effects.notice == .new)
        #expect(effects.alert)
        let written = try #require(effects.writes.first)
        #expect(effects.writes.count == 1)
        #expect(written.text == "hi")
        #expect(!written.seen)
        #expect(written.state == .sent)
        #expect(effects.awaitedAttachment == nil)
    }

    @Test func aBacklogMessageOrOneOfOursRaisesNoDesktopAlert() throws {
        let plaintext = EventPlaintext.message(body: "old", reply: nil, attachments: [])
        let old = try applier.received(
            message(age: EventApplier.alertAge + 1), sender: Self.friend, plaintext: plaintext, edit: nil)
        #expect(!old.alert)
        #expect(old.notice == .new)
        let ours = try applier.received(message(from: Self.me), sender: Self.me, plaintext: plaintext, edit: nil)
        #expect(!ours.alert)
        #expect(ours.writes.first?.seen == true)
    }

    @Test func aMessageWeAlreadySawElsewhereArrivesRead() throws {
        let effects = try applier.received(
            message(seenBy: [Self.me]), sender: Self.friend,
            plaintext: .message(body: "hi", reply: nil, attachments: []), edit: nil)
        #expect(effects.writes.first?.seen == true)
        #expect(effects.writes.first?.seenBy == [Self.me])
    }

    @Test func anEnvelopeFromAnotherSenderOrOfAnotherKindIsRefused() {
        #expect(throws: DaemonError.self) {
            try applier.received(
                message(), sender: Self.me, plaintext: .message(body: "forged", reply: nil, attachments: []), edit: nil)
        }
        #expect(throws: DaemonError.self) {
            try applier.received(message(), sender: Self.friend, plaintext: .delete(target: id), edit: nil)
        }
    }

    @Test func anImageMessageWaitsForItsDownloadBeforeItIsAnnounced() throws {
        let descriptor = AttachmentDescriptor(
            blobID: "blob", key: Array(repeating: 1, count: 32), sha256: Array(repeating: 2, count: 32), length: 10,
            mime: "image/png", width: 4, height: 3)
        let effects = try applier.received(
            message(), sender: Self.friend, plaintext: .message(body: "", reply: nil, attachments: [descriptor]),
            edit: nil)
        let attachment = try #require(effects.awaitedAttachment)
        #expect(attachment.blobId == "blob")
        #expect(attachment.width == 4)
    }

    @Test func aMessageThatWasEditedBeforeWeSawItShowsItsLatestTextAndAReplyKeepsItsTarget() throws {
        let target = EventID.random()
        var edited = message()
        edited.editedAt = Self.now
        let effects = try applier.received(
            edited, sender: Self.friend, plaintext: .message(body: "frist", reply: target, attachments: []),
            edit: .edit(target: id, body: "first"))
        #expect(effects.writes.first?.text == "first")
        #expect(effects.writes.first?.editedAt == Self.now)
        #expect(effects.writes.first?.replyTo == target.hex)
        // An edit naming another message is not applied.
        let wrong = try applier.received(
            edited, sender: Self.friend, plaintext: .message(body: "frist", reply: nil, attachments: []),
            edit: .edit(target: EventID.random(), body: "hijack"))
        #expect(wrong.writes.first?.text == "frist")
        #expect(wrong.writes.first?.editedAt == nil)
    }

    @Test func aMessageDeletedBeforeItArrivedLeavesATombstone() throws {
        let effects = applier.tombstone(message())
        let written = try #require(effects.writes.first)
        #expect(written.deleted)
        #expect(written.text.isEmpty)
        #expect(effects.notice == nil)
    }

    // MARK: - Edits, deletes, reactions, receipts

    @Test func anEditReplacesTheTextAndMustNameItsMessage() throws {
        var edited = message()
        edited.editedAt = Self.now
        let effects = try applier.edited(cached(), by: edited, plaintext: .edit(target: id, body: "better"))
        #expect(effects.notice == .edited)
        #expect(effects.writes.first?.text == "better")
        #expect(effects.writes.first?.editedAt == Self.now)
        #expect(throws: DaemonError.self) {
            try applier.edited(cached(), by: edited, plaintext: .edit(target: EventID.random(), body: "x"))
        }
    }

    @Test func ourOwnEditComingBackOnlyTakesTheServersTime() {
        var local = cached(from: Self.me, text: "mine, edited")
        local.editedAt = Self.now
        var echo = message(from: Self.me)
        echo.editedAt = Self.now.addingTimeInterval(2)
        let effects = applier.ownEditEcho(echo, cached: local)
        #expect(effects?.writes.first?.text == "mine, edited")
        #expect(effects?.writes.first?.editedAt == echo.editedAt)
        #expect(effects?.notice == nil)
        // An older local edit (made on another device since) must be opened.
        echo.editedAt = Self.now.addingTimeInterval(EventApplier.echoSkew + 5)
        #expect(applier.ownEditEcho(echo, cached: local) == nil)
        // Someone else's edit is always opened.
        #expect(applier.ownEditEcho(message(), cached: cached()) == nil)
    }

    @Test func aDeleteClearsTextImageAndReactionsOnceAndARepeatChangesNothing() throws {
        var before = cached()
        before.reactions = ["👍": [Self.me]]
        let effects = applier.deleted(message(), cached: before)
        let written = try #require(effects.writes.first)
        #expect(written.deleted && written.text.isEmpty && written.reactions.isEmpty && written.attachment == nil)
        #expect(effects.notice == .deleted)
        #expect(applier.deleted(message(), cached: written) == .none)
        // A delete for a message this device never cached still records it deleted.
        #expect(applier.deleted(message(), cached: nil).writes.first?.deleted == true)
    }

    @Test func aReactionTogglesOneUsersMarkAndMustComeFromThatUser() throws {
        let reaction = Reaction(
            id: EventID.random().hex, messageId: id.hex, userId: Self.friend, deviceId: "d", epoch: 1,
            envelope: Bytes(Data([2])), createdAt: Self.now)
        let on = try applier.reacted(
            cached(), by: reaction, sender: Self.friend, plaintext: .reaction(target: id, key: "🎉", on: true))
        #expect(on.notice == .reaction)
        let reacted = try #require(on.writes.first)
        #expect(reacted.reactions == ["🎉": [Self.friend]])
        let off = try applier.reacted(
            reacted, by: reaction, sender: Self.friend, plaintext: .reaction(target: id, key: "🎉", on: false))
        #expect(off.writes.first?.reactions.isEmpty == true)
        #expect(throws: DaemonError.self) {
            try applier.reacted(
                cached(), by: reaction, sender: Self.me, plaintext: .reaction(target: id, key: "🎉", on: true))
        }
        #expect(throws: DaemonError.self) {
            try applier.reacted(
                cached(), by: reaction, sender: Self.friend,
                plaintext: .reaction(target: EventID.random(), key: "🎉", on: true))
        }
    }

    @Test func aReceiptMarksOursReadOrAddsAnotherReaderOnceEach() {
        let unread = cached()
        let ours = applier.seen(
            SeenReceipt(conversationId: Self.conversation, userId: Self.me, messageIds: [id.hex], seenAt: Self.now),
            cached: [unread])
        #expect(ours.notice == .seen)
        #expect(ours.writes.map(\.seen) == [true])
        #expect(
            applier.seen(
                SeenReceipt(conversationId: Self.conversation, userId: Self.me, messageIds: [id.hex], seenAt: Self.now),
                cached: ours.writes) == .none)
        let mine = cached(from: Self.me)
        let theirs = applier.seen(
            SeenReceipt(conversationId: Self.conversation, userId: Self.friend, messageIds: [id.hex], seenAt: Self.now),
            cached: [mine])
        #expect(theirs.writes.map(\.seenBy) == [[Self.friend]])
        #expect(
            applier.seen(
                SeenReceipt(
                    conversationId: Self.conversation, userId: Self.friend, messageIds: [id.hex], seenAt: Self.now),
                cached: theirs.writes) == .none)
    }

    @Test func aProfileUpdateKeepsPresenceAndUnreadCounts() {
        let user = User(
            id: Self.friend, email: "b@example.test", fullname: "Bea", bio: "new bio", avatarBlobId: "av",
            createdAt: Self.now, lastSeen: nil)
        var existing = applier.merged(user, into: nil)
        #expect(existing.fullname == "Bea" && !existing.online && existing.unread == 0)
        existing.online = true
        existing.unread = 3
        var renamed = user
        renamed.fullname = "Beatrice"
        let merged = applier.merged(renamed, into: existing)
        #expect(merged.fullname == "Beatrice")
        #expect(merged.online && merged.unread == 3)
    }
}
