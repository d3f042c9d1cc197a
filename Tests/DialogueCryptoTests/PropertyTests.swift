import Crypto
import DialogueTestSupport
import Foundation
import Testing

@testable import DialogueCrypto

/// Seeded random sequences of ops and events: alice and bob (never removed) must always agree on
/// the roster and read every event; carol and dave come and go, and never read an event sent
/// while they were not members.
struct PropertyTests {
    @Test("Members agree and removed members never decrypt later events", arguments: [1, 2, 3, 4] as [UInt64])
    func randomHistories(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let alice = try TestUser("alice")
        let bob = try TestUser("bob")
        let carol = try TestUser("carol")
        let dave = try TestUser("dave", devices: 2)
        let directory = try makeDirectory([alice, bob, carol, dave])
        let users = [alice, bob, carol, dave]
        var (aliceSession, create) = try ConversationSession.create(
            kind: .group, members: [alice.id: .admin, bob.id: .member], keys: alice.device, directory: directory,
            nowMs: testNow)
        var sessions: [UserID: ConversationSession] = [:]
        for user in users.dropFirst() {
            var session = ConversationSession(keys: user.device)
            try session.receive(create, directory: directory)
            sessions[user.id] = session
        }
        sessions[alice.id] = aliceSession
        var delivered = 0
        var refusedForOutsiders = 0

        for step in 0..<40 {
            let now = testNow + UInt64(step) * 1000
            let roster = try #require(sessions[alice.id]?.state?.roster)
            let choice = Int.random(in: 0..<10, using: &rng)
            if choice < 3 {
                // Membership change by alice (the admin) for carol or dave.
                let target = Bool.random(using: &rng) ? carol : dave
                let payload: OpPayload =
                    roster.contains(target.id)
                    ? .remove(user: target.id) : .add(user: target.id, role: .member, shareHistory: false)
                aliceSession = try #require(sessions[alice.id])
                let op = try aliceSession.propose(payload, directory: directory, nowMs: now)
                sessions[alice.id] = aliceSession
                for user in users.dropFirst() { try sessions[user.id]!.receive(op, directory: directory) }
            } else if choice == 3 {
                aliceSession = try #require(sessions[alice.id])
                let op = try aliceSession.propose(.rekey(reason: .periodic), directory: directory, nowMs: now)
                sessions[alice.id] = aliceSession
                for user in users.dropFirst() { try sessions[user.id]!.receive(op, directory: directory) }
            } else {
                // A random current member sends; everyone tries to read.
                let senders = roster.users
                let sender = senders[Int.random(in: 0..<senders.count, using: &rng)]
                let body = "event \(step) from \(sender)"
                let event = try sessions[sender]!.seal(.text(body), directory: directory, nowMs: now)
                for user in users where user.id != sender {
                    var session = sessions[user.id]!
                    if roster.contains(user.id) {
                        let received = try session.open(event.encoded, directory: directory, nowMs: now)
                        #expect(received.plaintext == .text(body))
                        delivered += 1
                    } else {
                        #expect(throws: (any Error).self) {
                            try session.open(event.encoded, directory: directory, nowMs: now)
                        }
                        refusedForOutsiders += 1
                    }
                    sessions[user.id] = session
                }
            }
            // Alice and bob always agree on the verified state.
            #expect(sessions[alice.id]?.state?.headHash == sessions[bob.id]?.state?.headHash)
            #expect(sessions[alice.id]?.state?.roster == sessions[bob.id]?.state?.roster)
            #expect(sessions[alice.id]?.state?.currentEpoch == sessions[bob.id]?.state?.currentEpoch)
            // Nobody outside the roster holds the current epoch secret.
            let state = try #require(sessions[alice.id]?.state)
            for user in users where !state.roster.contains(user.id) {
                #expect(sessions[user.id]?.epochSecrets[state.currentEpoch] == nil)
            }
        }
        #expect(delivered > 0)
        _ = refusedForOutsiders
    }
}
