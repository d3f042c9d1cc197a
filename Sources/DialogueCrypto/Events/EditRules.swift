/// The original app's rules for edits and deletes, enforced again by every receiver on signed data
/// so a lying server cannot forge or stretch them.
package enum EditRules {
    /// Edits must come within 15 minutes of the original message.
    package static let editWindowMs: UInt64 = 15 * 60 * 1000
    /// Tolerated clock skew for signed timestamps in the future.
    package static let maxFutureSkewMs: UInt64 = 5 * 60 * 1000

    /// Checks an edit, delete or reaction against the facts about its target.
    /// - Parameters:
    ///   - isAdmin: whether the sender is an admin now (moderation deletes).
    /// - Throws: ``CryptoError/Code/unknownTarget``, ``CryptoError/Code/editNotAllowed``,
    ///   ``CryptoError/Code/editWindowPassed``, ``CryptoError/Code/deleteNotAllowed``.
    package static func check(
        _ plaintext: EventPlaintext,
        sender: UserID,
        sentAtMs: UInt64,
        isAdmin: Bool,
        messages: [EventID: EventTracker.MessageFacts]
    ) throws(CryptoError) {
        guard let target = plaintext.target else { return }
        guard let facts = messages[target] else {
            throw CryptoError(.unknownTarget, "target message \(target) is unknown")
        }
        switch plaintext {
        case .edit:
            guard facts.author == sender else {
                throw CryptoError(.editNotAllowed, "only the author may edit a message")
            }
            guard !facts.hasAttachments else {
                throw CryptoError(.editNotAllowed, "messages with attachments cannot be edited")
            }
            guard sentAtMs >= facts.sentAtMs, sentAtMs - facts.sentAtMs <= editWindowMs else {
                throw CryptoError(.editWindowPassed, "edits are allowed for 15 minutes after sending")
            }
        case .delete:
            guard facts.author == sender || isAdmin else {
                throw CryptoError(.deleteNotAllowed, "only the author or an admin may delete a message")
            }
        case .reaction, .message:
            break
        }
    }
}
