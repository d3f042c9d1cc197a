import Crypto

/// One signed, hash-chained operation of a conversation log:
/// ```
/// op_body = u8(1) ‖ u8(op_type) ‖ conv_id ‖ u64(seq) ‖ prev_hash(32) ‖ vec(author_user_id)
///         ‖ author_device_id ‖ u64(created_at_ms) ‖ vec(payload) ‖ roster_hash(32)
///         ‖ vec(envelopes) ‖ vec(history_envelopes) ‖ vec(meta_ct)
/// op_sig  = Sign(IK_author, "group-op", op_body)
/// op_hash = SHA-256(L("op-hash") ‖ op_body ‖ op_sig)
/// ```
/// Wire form: `op_body ‖ op_sig`. The server only orders ops; it cannot make one.
package struct ConversationOp: Hashable, Sendable {
    package static let version: UInt8 = 1
    package static let hashSize = 32
    /// Upper bound of envelopes per op (total devices across members).
    package static let maxEnvelopes = 4096
    package static let maxMeta = 64 * 1024

    package let payload: OpPayload
    package let conversation: ConversationID
    package let seq: UInt64
    package let prevHash: [UInt8]
    package let author: UserID
    package let authorDevice: DeviceID
    package let createdAtMs: UInt64
    package let rosterHash: [UInt8]
    package let envelopes: [EpochEnvelope]
    package let historyEnvelopes: [EpochEnvelope]
    package let metaCiphertext: [UInt8]
    package let signature: [UInt8]

    package init(
        payload: OpPayload, conversation: ConversationID, seq: UInt64, prevHash: [UInt8], author: UserID,
        authorDevice: DeviceID, createdAtMs: UInt64, rosterHash: [UInt8], envelopes: [EpochEnvelope],
        historyEnvelopes: [EpochEnvelope], metaCiphertext: [UInt8], signature: [UInt8]
    ) {
        self.payload = payload
        self.conversation = conversation
        self.seq = seq
        self.prevHash = prevHash
        self.author = author
        self.authorDevice = authorDevice
        self.createdAtMs = createdAtMs
        self.rosterHash = rosterHash
        self.envelopes = envelopes
        self.historyEnvelopes = historyEnvelopes
        self.metaCiphertext = metaCiphertext
        self.signature = signature
    }

    /// The signed bytes.
    package var body: [UInt8] {
        var writer = ByteWriter(capacity: 200 + envelopes.count * 112)
        writer.u8(Self.version)
        writer.u8(payload.typeByte)
        writer.fixed(conversation.bytes)
        writer.u64(seq)
        writer.fixed(prevHash)
        writer.userID(author)
        writer.fixed(authorDevice.bytes)
        writer.u64(createdAtMs)
        writer.vec(payload.encoded)
        writer.fixed(rosterHash)
        writer.vec(EpochEnvelope.encodeList(envelopes))
        writer.vec(EpochEnvelope.encodeList(historyEnvelopes))
        writer.vec(metaCiphertext)
        return writer.bytes
    }

    package var encoded: [UInt8] { body + signature }

    /// `SHA-256(L("op-hash") ‖ op_body ‖ op_sig)`: the chain link and the epoch's identity.
    package var hash: [UInt8] { Self.hash(body: body, signature: signature) }

    package static func hash(body: [UInt8], signature: [UInt8]) -> [UInt8] {
        KeyDerivation.sha256(Label.opHash.encoded, body, signature)
    }

    /// Parses strictly.
    /// - Throws: ``CryptoError/Code/unknownVersion``, ``CryptoError/Code/truncated``,
    ///   ``CryptoError/Code/trailingBytes``, ``CryptoError/Code/lengthTooLarge``.
    package init(parsing bytes: [UInt8]) throws(CryptoError) {
        var reader = ByteReader(bytes)
        guard try reader.u8() == Self.version else { throw CryptoError(.unknownVersion, "unknown op version") }
        let type = try reader.u8()
        let conversation = try ConversationID(bytes: reader.fixed(ConversationID.size))
        let seq = try reader.u64()
        let prevHash = try reader.fixed(Self.hashSize)
        let author = try reader.userID()
        let device = try reader.deviceID()
        let createdAt = try reader.u64()
        let payload = try OpPayload(type: type, parsing: reader.vec(limit: 128 * 1024))
        let rosterHash = try reader.fixed(Self.hashSize)
        let envelopes = try EpochEnvelope.parseList(reader.vec(), limit: Self.maxEnvelopes)
        let history = try EpochEnvelope.parseList(reader.vec(), limit: Self.maxEnvelopes)
        let meta = try reader.vec(limit: Self.maxMeta)
        let signature = try reader.fixed(Ed25519.signatureSize)
        try reader.finish()
        self.init(
            payload: payload, conversation: conversation, seq: seq, prevHash: prevHash, author: author,
            authorDevice: device, createdAtMs: createdAt, rosterHash: rosterHash, envelopes: envelopes,
            historyEnvelopes: history, metaCiphertext: meta, signature: signature)
    }
}
