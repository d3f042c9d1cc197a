/// The single error type of DLG-E2EE: every refusal carries a stable ``Code`` that callers and tests
/// match on, and a human message that says what went wrong.
///
/// Codes are stable identifiers (they appear in logs and in the daemon's RPC errors), so they are
/// never renamed; new ones are only added. Messages may change freely and never contain key material
/// or plaintext.
package struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, extensible error code (a struct around a private enum so new codes are not a
    /// source-breaking change for exhaustive switches in other modules).
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case truncated
            case trailingBytes
            case lengthTooLarge
            case invalidEncoding
            case unknownVersion
            case badSignature
            case lowOrderPoint
            case invalidKey
            case decryptionFailed
            case replay
            case counterReuse
            case wrongConversation
            case unknownEpoch
            case staleEpoch
            case forkDetected
            case notMember
            case unknownDevice
            case notAdmin
            case directConversation
            case badChain
            case rosterMismatch
            case invalidOperation
            case identityChanged
            case rollback
            case equivocation
            case expired
            case editNotAllowed
            case editWindowPassed
            case deleteNotAllowed
            case unknownTarget
            case futureTimestamp
            case rekeyRequired
            case noEnvelope
            case invalidPlaintext
            case hashMismatch
            case badCommitment
            case insecureKeyFile
            case wrongPassphrase
            case legacyFormat
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input ended before a declared field did.
        package static let truncated = Code(.truncated)
        /// Bytes remained after the last field; canonical encodings have exactly one form.
        package static let trailingBytes = Code(.trailingBytes)
        /// A length or count field exceeded its limit.
        package static let lengthTooLarge = Code(.lengthTooLarge)
        /// A field had an impossible value (bad enum byte, unsorted list, bad base32 or hex).
        package static let invalidEncoding = Code(.invalidEncoding)
        /// The version byte is not 1; there is no fallback or negotiation.
        package static let unknownVersion = Code(.unknownVersion)
        /// An Ed25519 signature did not verify.
        package static let badSignature = Code(.badSignature)
        /// An X25519 key or HPKE `enc` is a small-order point (all-zero shared secret).
        package static let lowOrderPoint = Code(.lowOrderPoint)
        /// A key had the wrong size or was otherwise unusable.
        package static let invalidKey = Code(.invalidKey)
        /// AEAD or HPKE authentication failed.
        package static let decryptionFailed = Code(.decryptionFailed)
        /// An event id was already seen in this conversation.
        package static let replay = Code(.replay)
        /// A device used the same counter twice in one epoch with different events.
        package static let counterReuse = Code(.counterReuse)
        /// The object names another conversation than the one being processed.
        package static let wrongConversation = Code(.wrongConversation)
        /// The event names an epoch this device has no secret or op for.
        package static let unknownEpoch = Code(.unknownEpoch)
        /// The event uses an epoch that was superseded by a removal, revocation or departure.
        package static let staleEpoch = Code(.staleEpoch)
        /// The event's epoch op hash differs from our log: the server shows us a forked state.
        package static let forkDetected = Code(.forkDetected)
        /// The user is not in the roster where membership is required.
        package static let notMember = Code(.notMember)
        /// The device is not in its user's verified device list.
        package static let unknownDevice = Code(.unknownDevice)
        /// The operation needs an admin author.
        package static let notAdmin = Code(.notAdmin)
        /// Direct conversations allow no ADD, REMOVE or SET_ROLE.
        package static let directConversation = Code(.directConversation)
        /// `seq` or `prev_hash` does not continue the verified log.
        package static let badChain = Code(.badChain)
        /// The roster hash differs from the one recomputed with our pinned identity keys.
        package static let rosterMismatch = Code(.rosterMismatch)
        /// The operation is not valid in the current state (duplicate member, bad payload...).
        package static let invalidOperation = Code(.invalidOperation)
        /// A user's account identity key differs from the pinned one.
        package static let identityChanged = Code(.identityChanged)
        /// A device list older than the one already seen was served.
        package static let rollback = Code(.rollback)
        /// Two different device lists with the same version were served.
        package static let equivocation = Code(.equivocation)
        /// A seal key certificate is outside its validity window.
        package static let expired = Code(.expired)
        /// An edit targets a message by another user or a message with attachments.
        package static let editNotAllowed = Code(.editNotAllowed)
        /// An edit arrived later than 15 minutes after the original message.
        package static let editWindowPassed = Code(.editWindowPassed)
        /// A delete by someone who is neither the author nor an admin.
        package static let deleteNotAllowed = Code(.deleteNotAllowed)
        /// An edit, delete or reaction names a message this device does not know.
        package static let unknownTarget = Code(.unknownTarget)
        /// A signed timestamp lies too far in the future.
        package static let futureTimestamp = Code(.futureTimestamp)
        /// Sending is refused until a REKEY op is published.
        package static let rekeyRequired = Code(.rekeyRequired)
        /// The op carries no envelope for this device.
        package static let noEnvelope = Code(.noEnvelope)
        /// A decrypted plaintext is not valid strict JSON of a known kind, or its padding is wrong.
        package static let invalidPlaintext = Code(.invalidPlaintext)
        /// An attachment's length or SHA-256 differs from the signed descriptor.
        package static let hashMismatch = Code(.hashMismatch)
        /// A pending device's link commitment does not verify under the link secret.
        package static let badCommitment = Code(.badCommitment)
        /// A raw key file is readable by other users.
        package static let insecureKeyFile = Code(.insecureKeyFile)
        /// The store key could not be unwrapped (wrong passphrase or key file, or tampering).
        package static let wrongPassphrase = Code(.wrongPassphrase)
        /// A legacy ciphertext could not be read; deliberately one generic code (no padding oracle).
        package static let legacyFormat = Code(.legacyFormat)

        package var description: String { base.rawValue }
    }

    /// The stable code to match on.
    package let code: Code
    /// A human explanation; never contains secrets.
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "CryptoError.\(code): \(message)" }
}
