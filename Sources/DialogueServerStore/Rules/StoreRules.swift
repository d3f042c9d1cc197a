import DialogueProtocol
import Foundation

/// The message and conversation rules both stores check, in the order clients are told about
/// them; each store reads the state inside its writing transaction and asks here.
enum StoreRules {
    static func checkConversationDelete(isGroup: Bool, isAdmin: Bool) throws(ServerStoreError) {
        guard isGroup else {
            throw ServerStoreError.forbidden("Only groups can be deleted; a direct conversation stays.")
        }
        guard isAdmin else {
            throw ServerStoreError.forbidden("Only the group's admin can delete it.", code: .notAdmin)
        }
    }

    /// Events must be encrypted under the conversation's current epoch; an older one means the
    /// sender missed a membership change (after a removal, the removed member's key is stale).
    static func checkEpoch(current: Int64, _ epoch: Int64) throws(ServerStoreError) {
        guard epoch == current else { throw ServerStoreError.staleEpoch(current: current) }
    }

    static func checkBlobCount(_ count: Int, limits: MessageLimits) throws(ServerStoreError) {
        guard count <= limits.maxBlobsPerMessage else {
            throw ServerStoreError.invalidInput("A message may reference at most \(limits.maxBlobsPerMessage) blobs.")
        }
    }

    static func checkEditor(_ message: Message, userId: String) throws(ServerStoreError) {
        guard message.senderId == userId else {
            throw ServerStoreError.forbidden("Only the sender can edit a message.", code: .notSender)
        }
    }

    /// Checked after a retry of the same edit has been answered.
    static func checkEditable(_ message: Message, now: Date, limits: MessageLimits) throws(ServerStoreError) {
        guard !message.deleted else {
            throw ServerStoreError.conflict(.messageDeleted, "The message was deleted and cannot be edited.")
        }
        guard message.blobIds.isEmpty else {
            throw ServerStoreError.forbidden(
                "Messages with attachments cannot be edited; delete and send again.",
                code: .attachmentNotEditable
            )
        }
        guard now.timeIntervalSince(message.createdAt) <= limits.editWindowSeconds else {
            throw ServerStoreError.forbidden(
                "Messages can be edited for \(Int(limits.editWindowSeconds / 60)) minutes after sending.",
                code: .editWindowPassed
            )
        }
    }

    static func checkDeleter(_ message: Message, userId: String, isGroupAdmin: Bool) throws(ServerStoreError) {
        guard message.senderId == userId || isGroupAdmin else {
            throw ServerStoreError.forbidden(
                "Only the sender (or a group's admin) can delete a message.", code: .notSender)
        }
    }

    static func checkReactable(_ message: Message) throws(ServerStoreError) {
        guard !message.deleted else {
            throw ServerStoreError.conflict(.messageDeleted, "The message was deleted; reactions are closed.")
        }
    }

    /// A direct conversation per pair: a second one would split their history in two, so the
    /// client is pointed at the one that exists.
    static func checkDirectPairFree(existing: String?) throws(ServerStoreError) {
        if let existing {
            throw ServerStoreError.conflict(
                .conversationExists,
                "You already have a direct conversation with this person.",
                conversationId: existing
            )
        }
    }

    /// A device list only moves forward, so a replayed or older signed list cannot bring back a
    /// removed device.
    static func checkDeviceListVersion(_ version: Int64, current: Int64?) throws(ServerStoreError) {
        if let current, version <= current {
            throw ServerStoreError.conflict(
                .staleVersion,
                "Device list version \(version) is not newer than the stored version \(current)."
            )
        }
    }

    /// A retry with a stored id is answered with what is stored; anyone else's use of it is refused.
    static func checkRetry(sameAuthor: Bool, what: String) throws(ServerStoreError) {
        guard sameAuthor else {
            throw ServerStoreError.conflict(.idTaken, "That \(what) id is taken: generate a new one.")
        }
    }
}
