/// The cleartext, signed header of an event:
/// `u8(1) ‖ conv_id ‖ u64(epoch) ‖ epoch_op_hash[0..16] ‖ vec(sender_user_id) ‖ sender_device_id
///  ‖ event_id ‖ u64(sender_counter) ‖ u64(sent_at_ms)`.
///
/// It is the AEAD associated data, part of the key derivation and covered by the signature, so no
/// field can be changed or moved to another conversation, epoch or sender.
package struct EventHeader: Hashable, Sendable {
    package static let version: UInt8 = 1
    package static let opHashPrefixSize = 16

    package let conversation: ConversationID
    package let epoch: UInt64
    package let epochOpHashPrefix: [UInt8]
    package let sender: UserID
    package let senderDevice: DeviceID
    package let eventID: EventID
    package let counter: UInt64
    package let sentAtMs: UInt64

    package init(
        conversation: ConversationID, epoch: UInt64, epochOpHashPrefix: [UInt8], sender: UserID,
        senderDevice: DeviceID, eventID: EventID, counter: UInt64, sentAtMs: UInt64
    ) {
        self.conversation = conversation
        self.epoch = epoch
        self.epochOpHashPrefix = Array(epochOpHashPrefix.prefix(Self.opHashPrefixSize))
        self.sender = sender
        self.senderDevice = senderDevice
        self.eventID = eventID
        self.counter = counter
        self.sentAtMs = sentAtMs
    }

    package func write(to writer: inout ByteWriter) {
        writer.u8(Self.version)
        writer.fixed(conversation.bytes)
        writer.u64(epoch)
        writer.fixed(epochOpHashPrefix)
        writer.userID(sender)
        writer.fixed(senderDevice.bytes)
        writer.fixed(eventID.bytes)
        writer.u64(counter)
        writer.u64(sentAtMs)
    }

    package var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 128)
        write(to: &writer)
        return writer.bytes
    }

    package init(reading reader: inout ByteReader) throws(CryptoError) {
        guard try reader.u8() == Self.version else {
            throw CryptoError(.unknownVersion, "unknown event version; there is no fallback")
        }
        conversation = try ConversationID(bytes: reader.fixed(ConversationID.size))
        epoch = try reader.u64()
        epochOpHashPrefix = try reader.fixed(Self.opHashPrefixSize)
        sender = try reader.userID()
        senderDevice = try reader.deviceID()
        eventID = try EventID(bytes: reader.fixed(EventID.size))
        counter = try reader.u64()
        sentAtMs = try reader.u64()
    }
}
