import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

struct ConversationTests {
    @Test("Members agree on the roster and read each other's events")
    func roundTrip() throws {
        var s = try Scenario()
        #expect(s.aliceSession.state?.headHash == s.bobSession.state?.headHash)
        let event = try s.aliceSession.seal(.text("hello"), directory: s.directory, nowMs: testNow)
        let received = try s.bobSession.open(event.encoded, directory: s.directory, nowMs: testNow)
        #expect(received.plaintext == .text("hello"))
        #expect(received.header.sender == s.alice.id)
        #expect(received.missingCounters.isEmpty)
        let reply = try s.bobSession.seal(
            .message(body: "hi", reply: event.header.eventID, attachments: []), directory: s.directory, nowMs: testNow)
        let back = try s.aliceSession.open(reply.encoded, directory: s.directory, nowMs: testNow)
        #expect(back.plaintext == .message(body: "hi", reply: event.header.eventID, attachments: []))
    }

    @Test("The server echoing an op or event back to its author is recognised, not re-applied")
    func echoes() throws {
        var s = try Scenario()
        let op = try s.aliceSession.propose(.rekey(reason: .other), directory: s.directory, nowMs: testNow)
        #expect(try s.aliceSession.receive(op, directory: s.directory))
        #expect(s.aliceSession.state?.headSeq == 1)
        expectCode(.badChain) { try s.aliceSession.receive(s.log[0], directory: s.directory) }
        let event = try s.aliceSession.seal(.text("mine"), directory: s.directory, nowMs: testNow)
        #expect(s.aliceSession.hasSeen(event.header.eventID))
        #expect(!s.bobSession.hasSeen(event.header.eventID))
    }

    @Test("The author's second device receives the epoch secret")
    func ownOtherDevice() throws {
        let s = try Scenario()
        var second = ConversationSession(keys: s.alice.devices[1])
        for op in s.log { #expect(try second.receive(op, directory: s.directory)) }
        #expect(second.epochSecrets[0] != nil)
    }

    @Test("Replaying the log from CREATE rebuilds the same roster, head and epochs")
    func replay() throws {
        var s = try Scenario()
        try s.aliceProposes(.setRole(user: s.bob.id, role: .admin))
        try s.aliceProposes(.remove(user: s.carol.id))
        try s.aliceProposes(.rekey(reason: .periodic))
        let rebuilt = try ConversationState.replay(s.log, directory: s.directory)
        #expect(rebuilt.headHash == s.aliceSession.state?.headHash)
        #expect(rebuilt.roster == s.bobSession.state?.roster)
        #expect(rebuilt.currentEpoch == 3)
        #expect(rebuilt.roster.isAdmin(s.bob.id))
        #expect(!rebuilt.roster.contains(s.carol.id))
        // Ops survive their wire encoding byte for byte.
        for op in s.log { #expect(try ConversationOp(parsing: op.encoded) == op) }
    }

    @Test("ADD with visible history sharing gives the new member earlier epochs; without it, none")
    func historySharing() throws {
        var s = try Scenario(withCarol: false)
        let early = try s.aliceSession.seal(.text("before carol"), directory: s.directory, nowMs: testNow)
        _ = try s.bobSession.open(early.encoded, directory: s.directory, nowMs: testNow)

        // Without sharing, carol cannot read the earlier event.
        var withoutShare = s
        let add = try withoutShare.aliceProposes(.add(user: s.carol.id, role: .member, shareHistory: false))
        #expect(add.historyEnvelopes.isEmpty)
        expectCode(.unknownEpoch) {
            try withoutShare.carolSession.open(early.encoded, directory: s.directory, nowMs: testNow)
        }

        // With sharing, the flag is in the signed op and carol reads the earlier epoch.
        let shared = try s.aliceProposes(.add(user: s.carol.id, role: .member, shareHistory: true), shareHistoryFrom: 0)
        #expect(shared.historyEnvelopes.count == 1)
        guard case .add(_, _, true) = shared.payload else {
            Issue.record("share flag missing from the signed payload")
            return
        }
        let read = try s.carolSession.open(early.encoded, directory: s.directory, nowMs: testNow)
        #expect(read.plaintext == .text("before carol"))
    }

    @Test("When the last admin leaves, the longest-standing member becomes admin on every client")
    func lastAdminLeaves() throws {
        var s = try Scenario(withCarol: false)
        try s.aliceProposes(.add(user: s.carol.id, role: .member, shareHistory: false))
        let leave = try s.aliceSession.propose(.leave, directory: s.directory, nowMs: testNow)
        try s.bobSession.receive(leave, directory: s.directory)
        try s.carolSession.receive(leave, directory: s.directory)
        // bob joined at CREATE (seq 0), carol at seq 1: bob is promoted.
        #expect(s.bobSession.state?.roster.isAdmin(s.bob.id) == true)
        #expect(s.carolSession.state?.roster.isAdmin(s.bob.id) == true)
        #expect(s.carolSession.state?.roster.isAdmin(s.carol.id) == false)
        // After a LEAVE the next sender must rekey first.
        expectCode(.rekeyRequired) { try s.bobSession.seal(.text("x"), directory: s.directory, nowMs: testNow) }
        #expect(s.bobSession.rekeyReason(directory: s.directory, nowMs: testNow) == .memberLeft)
        let rekey = try s.bobSession.propose(.rekey(reason: .memberLeft), directory: s.directory, nowMs: testNow)
        try s.carolSession.receive(rekey, directory: s.directory)
        let event = try s.bobSession.seal(.text("after"), directory: s.directory, nowMs: testNow)
        #expect(
            try s.carolSession.open(event.encoded, directory: s.directory, nowMs: testNow).plaintext == .text("after"))
    }

    @Test("Rekey policy: after 7 days, after 1000 events, after a device revocation")
    func rekeyPolicy() throws {
        var s = try Scenario()
        let week: UInt64 = 7 * 24 * 3600 * 1000
        #expect(s.aliceSession.rekeyReason(directory: s.directory, nowMs: testNow + week - 1) == nil)
        #expect(s.aliceSession.rekeyReason(directory: s.directory, nowMs: testNow + week) == .periodic)
        s.aliceSession.policy.maxEventsPerEpoch = 3
        for index in 0..<3 {
            _ = try s.aliceSession.seal(.text("\(index)"), directory: s.directory, nowMs: testNow)
        }
        expectCode(.rekeyRequired) { try s.aliceSession.seal(.text("4"), directory: s.directory, nowMs: testNow) }
        s.aliceSession.policy.maxEventsPerEpoch = 1000

        // Bob revokes nothing, but alice drops her second device: the epoch was sealed to it.
        var pins = IdentityPins()
        var directory = try makeDirectory([s.alice, s.bob, s.carol], pins: &pins)
        var alice = s.alice
        alice.devices.removeLast()
        alice.listVersion = 2
        directory.update(try pins.verifiedKeys(alice.bundle(), nowMs: testNow))
        #expect(s.bobSession.rekeyReason(directory: directory, nowMs: testNow) == .deviceRevoked)
    }

    @Test("Direct conversations: exactly two plain members, no ADD/REMOVE/SET_ROLE")
    func directRules() throws {
        var s = try Scenario(kind: .direct)
        #expect(s.aliceSession.state?.kind == .direct)
        expectCode(.directConversation) {
            try s.aliceSession.propose(
                .add(user: s.carol.id, role: .member, shareHistory: false), directory: s.directory, nowMs: testNow)
        }
        expectCode(.directConversation) {
            try s.aliceSession.propose(.remove(user: s.bob.id), directory: s.directory, nowMs: testNow)
        }
        let event = try s.aliceSession.seal(.text("hi"), directory: s.directory, nowMs: testNow)
        #expect(try s.bobSession.open(event.encoded, directory: s.directory, nowMs: testNow).plaintext == .text("hi"))
    }

    @Test("Counter gaps are reported and filled by late events")
    func gaps() throws {
        var s = try Scenario()
        var events: [SealedEvent] = []
        for index in 0..<6 {
            events.append(try s.aliceSession.seal(.text("\(index)"), directory: s.directory, nowMs: testNow))
        }
        func open(_ index: Int) throws -> [ClosedRange<UInt64>] {
            try s.bobSession.open(events[index].encoded, directory: s.directory, nowMs: testNow).missingCounters
        }
        #expect(try open(1) == [0...0])
        #expect(try open(5) == [0...0, 2...4])
        #expect(try open(3) == [0...0, 2...2, 4...4])
        #expect(try open(0) == [2...2, 4...4])
        #expect(try open(4) == [2...2])
        #expect(try open(2) == [])
    }

    @Test("Edits, deletes and reactions follow the original's rules")
    func editRules() throws {
        var s = try Scenario()
        let message = try s.aliceSession.seal(.text("typo"), directory: s.directory, nowMs: testNow)
        _ = try s.bobSession.open(message.encoded, directory: s.directory, nowMs: testNow)
        let target = message.header.eventID
        let edit = try s.aliceSession.seal(
            .edit(target: target, body: "fixed"), directory: s.directory, nowMs: testNow + 60_000)
        #expect(
            try s.bobSession.open(edit.encoded, directory: s.directory, nowMs: testNow + 60_000).plaintext
                == .edit(target: target, body: "fixed"))
        _ = try s.carolSession.open(message.encoded, directory: s.directory, nowMs: testNow)
        let reaction = try s.carolSession.seal(
            .reaction(target: target, key: "👍", on: true), directory: s.directory, nowMs: testNow)
        #expect(
            try s.bobSession.open(reaction.encoded, directory: s.directory, nowMs: testNow).plaintext
                == .reaction(target: target, key: "👍", on: true))
        let aliceDelete = try s.aliceSession.seal(.delete(target: target), directory: s.directory, nowMs: testNow)
        #expect(
            try s.bobSession.open(aliceDelete.encoded, directory: s.directory, nowMs: testNow).plaintext
                == .delete(target: target))
        // Local edit window uses the injected clock.
        expectCode(.editWindowPassed) {
            try s.aliceSession.seal(
                .edit(target: target, body: "late"), directory: s.directory, nowMs: testNow + 16 * 60_000)
        }
    }

    @Test("Messages with attachments cannot be edited")
    func noEditOfAttachments() throws {
        var s = try Scenario()
        let (_, descriptor) = try AttachmentCipher.encrypt(Array("image".utf8), blobID: "blob-1")
        let message = try s.aliceSession.seal(
            .message(body: "", reply: nil, attachments: [descriptor]), directory: s.directory, nowMs: testNow)
        _ = try s.bobSession.open(message.encoded, directory: s.directory, nowMs: testNow)
        expectCode(.editNotAllowed) {
            try s.aliceSession.seal(
                .edit(target: message.header.eventID, body: "x"), directory: s.directory, nowMs: testNow)
        }
    }
}
