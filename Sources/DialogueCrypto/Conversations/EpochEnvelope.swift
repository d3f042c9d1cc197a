import Crypto

/// An epoch secret (or history share) HPKE-sealed to one device:
/// `device_id(16) ‖ seal_key_id(8) ‖ enc(32) ‖ vec(ct)`.
///
/// The HPKE `info` binds conversation, epoch, author device, recipient device, seal key and roster
/// hash, so an envelope cannot be lifted into another op; the op signature covers the envelope.
package struct EpochEnvelope: Hashable, Sendable {
    /// The largest sealed payload (history shares carry many epoch secrets).
    package static let maxCiphertext = 1 << 20

    package let recipient: DeviceID
    package let sealKeyID: SealKeyID
    package let enc: [UInt8]
    package let ciphertext: [UInt8]

    package init(recipient: DeviceID, sealKeyID: SealKeyID, enc: [UInt8], ciphertext: [UInt8]) {
        self.recipient = recipient
        self.sealKeyID = sealKeyID
        self.enc = enc
        self.ciphertext = ciphertext
    }

    /// The HPKE info string for an epoch envelope or a history share.
    package static func info(
        purpose: Label,
        conversation: ConversationID,
        seq: UInt64,
        author: DeviceID,
        recipient: DeviceID,
        sealKeyID: SealKeyID,
        rosterHash: [UInt8]?
    ) -> [UInt8] {
        var writer = ByteWriter()
        writer.label(purpose)
        writer.fixed(conversation.bytes)
        writer.u64(seq)
        writer.fixed(author.bytes)
        writer.fixed(recipient.bytes)
        writer.fixed(sealKeyID.bytes)
        if let rosterHash { writer.fixed(rosterHash) }
        return writer.bytes
    }

    /// Seals `secret` to `device` (whose seal key was verified and small-order checked).
    package static func seal(
        _ secret: [UInt8],
        to device: VerifiedUserKeys.Device,
        info: (DeviceID, SealKeyID) -> [UInt8]
    ) throws(CryptoError) -> EpochEnvelope? {
        guard let sealKey = device.sealKey, let keyID = device.sealKeyID else { return nil }
        let (enc, ct) = try HPKESeal.seal(secret, to: sealKey, info: info(device.deviceID, keyID))
        return EpochEnvelope(recipient: device.deviceID, sealKeyID: keyID, enc: enc, ciphertext: ct)
    }

    /// Opens this envelope with the device's matching seal key.
    /// - Throws: ``CryptoError/Code/noEnvelope`` when the seal key is unknown,
    ///   ``CryptoError/Code/lowOrderPoint`` or ``CryptoError/Code/decryptionFailed``.
    package func open(with keys: DeviceKeys, info: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let privateKey = keys.sealPrivateKey(for: sealKeyID) else {
            throw CryptoError(.noEnvelope, "envelope is sealed to a seal key this device does not hold")
        }
        return try HPKESeal.open(enc: enc, ciphertext: ciphertext, with: privateKey, info: info)
    }

    package func write(to writer: inout ByteWriter) {
        writer.fixed(recipient.bytes)
        writer.fixed(sealKeyID.bytes)
        writer.fixed(enc)
        writer.vec(ciphertext)
    }

    package init(reading reader: inout ByteReader) throws(CryptoError) {
        recipient = try reader.deviceID()
        sealKeyID = try SealKeyID(bytes: reader.fixed(SealKeyID.size))
        enc = try reader.fixed(HPKESeal.encapsulatedKeySize)
        ciphertext = try reader.vec(limit: Self.maxCiphertext)
    }

    /// Encodes a list as `u32(n) ‖ n×envelope`.
    package static func encodeList(_ list: [EpochEnvelope]) -> [UInt8] {
        var writer = ByteWriter(capacity: list.count * 112 + 4)
        writer.u32(UInt32(list.count))
        for envelope in list { envelope.write(to: &writer) }
        return writer.bytes
    }

    /// Parses a list strictly: bounded count, unique recipients, no trailing bytes.
    package static func parseList(_ bytes: [UInt8], limit: Int) throws(CryptoError) -> [EpochEnvelope] {
        var reader = ByteReader(bytes)
        let count = try reader.count(limit: limit)
        var list: [EpochEnvelope] = []
        for _ in 0..<count { list.append(try EpochEnvelope(reading: &reader)) }
        try reader.finish()
        guard Set(list.map(\.recipient)).count == list.count else {
            throw CryptoError(.invalidEncoding, "two envelopes for the same device")
        }
        return list
    }
}
