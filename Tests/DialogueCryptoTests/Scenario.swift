import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

/// A small group used by many tests: alice (admin, 2 devices), bob and carol (members), plus their
/// sessions, all fed the same op log the server would relay.
struct Scenario {
    var alice: TestUser
    var bob: TestUser
    var carol: TestUser
    var directory: VerifiedDirectory
    var log: [ConversationOp] = []
    var aliceSession: ConversationSession
    var bobSession: ConversationSession
    var carolSession: ConversationSession

    init(kind: ConversationKind = .group, withCarol: Bool = true) throws {
        alice = try TestUser("alice", devices: 2)
        bob = try TestUser("bob")
        carol = try TestUser("carol")
        directory = try makeDirectory([alice, bob, carol])
        var members: [UserID: Role] = [alice.id: kind == .group ? .admin : .member, bob.id: .member]
        if withCarol, kind == .group { members[carol.id] = .member }
        let (session, create) = try ConversationSession.create(
            kind: kind, members: members, keys: alice.device, directory: directory, nowMs: testNow)
        aliceSession = session
        bobSession = ConversationSession(keys: bob.device)
        carolSession = ConversationSession(keys: carol.device)
        log = [create]
        try bobSession.receive(create, directory: directory)
        try carolSession.receive(create, directory: directory)
    }

    /// Alice proposes an op; everyone else receives it (as the server would relay it).
    @discardableResult
    mutating func aliceProposes(_ payload: OpPayload, shareHistoryFrom: UInt64? = nil, nowMs: UInt64 = testNow) throws
        -> ConversationOp
    {
        let op = try aliceSession.propose(
            payload, directory: directory, nowMs: nowMs, shareHistoryFrom: shareHistoryFrom)
        log.append(op)
        try bobSession.receive(op, directory: directory)
        try carolSession.receive(op, directory: directory)
        return op
    }
}

/// Seals an event exactly as a (possibly malicious) member device would, bypassing the sending
/// session's local rules, so receiver-side checks can be tested.
func forgeEvent(
    _ plaintext: EventPlaintext,
    by keys: DeviceKeys,
    in session: ConversationSession,
    epoch: UInt64? = nil,
    sender: UserID? = nil,
    counter: UInt64 = 0,
    sentAtMs: UInt64 = testNow,
    eventID: EventID = .random()
) throws -> SealedEvent {
    let state = try #require(session.state)
    let number = epoch ?? state.currentEpoch
    let info = try #require(state.epoch(number))
    let secret = try #require(session.epochSecrets[number])
    let header = EventHeader(
        conversation: state.conversation, epoch: number, epochOpHashPrefix: info.opHash, sender: sender ?? keys.user,
        senderDevice: keys.deviceID, eventID: eventID, counter: counter, sentAtMs: sentAtMs)
    return try SealedEvent.seal(plaintext.encoded, header: header, epochSecret: secret, signingKey: keys.identityKey)
}

/// Re-signs an op body with `key` (a malicious member or a server holding some device key).
func resign(_ op: ConversationOp, with key: Curve25519.Signing.PrivateKey, mutate: (inout OpFields) -> Void = { _ in })
    throws -> ConversationOp
{
    var fields = OpFields(op)
    mutate(&fields)
    let unsigned = fields.build(signature: [])
    let signature = try Ed25519.sign(unsigned.body, purpose: .signGroupOp, with: key)
    return fields.build(signature: signature)
}
