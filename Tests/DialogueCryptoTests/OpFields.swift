import Crypto
import Foundation
import Testing

@testable import DialogueCrypto

/// Mutable copy of an op's fields for tampering tests.
struct OpFields {
    var payload: OpPayload
    var conversation: ConversationID
    var seq: UInt64
    var prevHash: [UInt8]
    var author: UserID
    var authorDevice: DeviceID
    var createdAtMs: UInt64
    var rosterHash: [UInt8]
    var envelopes: [EpochEnvelope]
    var historyEnvelopes: [EpochEnvelope]

    init(_ op: ConversationOp) {
        payload = op.payload
        conversation = op.conversation
        seq = op.seq
        prevHash = op.prevHash
        author = op.author
        authorDevice = op.authorDevice
        createdAtMs = op.createdAtMs
        rosterHash = op.rosterHash
        envelopes = op.envelopes
        historyEnvelopes = op.historyEnvelopes
    }

    func build(signature: [UInt8]) -> ConversationOp {
        ConversationOp(
            payload: payload, conversation: conversation, seq: seq, prevHash: prevHash, author: author,
            authorDevice: authorDevice, createdAtMs: createdAtMs, rosterHash: rosterHash, envelopes: envelopes,
            historyEnvelopes: historyEnvelopes, metaCiphertext: [], signature: signature)
    }
}
