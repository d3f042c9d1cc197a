import Crypto

/// Event signatures checked ahead of ``ConversationSession/open(_:directory:nowMs:checked:)``
/// (by ``SignaturesAhead``). The signature is the costliest step of opening an event and depends
/// only on the event's bytes and its sender device's key, not on the session's state, so a
/// backlog's signatures are checked on another core while the sessions open the events in order.
///
/// An entry binds the exact bytes to the key that verified them: `open` skips its own check only
/// when the directory names that same key for the sender device at the moment it opens the event,
/// and checks the signature itself otherwise (a device revoked or rotated in between).
package struct SignatureChecks: Sendable {
    /// A cheap key for an envelope: its length and its last 16 bytes (a tag or a signature, so
    /// random). Hashing whole envelopes byte by byte cost more than a tenth of a check; ``covers``
    /// still compares the whole bytes.
    struct Fingerprint: Hashable {
        var count: Int
        var high: UInt64
        var low: UInt64

        init(_ bytes: [UInt8]) {
            count = bytes.count
            (high, low) = (0, 0)
            for byte in bytes.suffix(16) { (high, low) = (high << 8 | low >> 56, low << 8 | UInt64(byte)) }
        }
    }

    /// Envelope → the bytes and the raw identity key their signature verified under.
    private var verified: [Fingerprint: (bytes: [UInt8], key: [UInt8])] = [:]

    package init() {}

    mutating func note(_ bytes: [UInt8], verifiedUnder key: [UInt8]) {
        verified[Fingerprint(bytes)] = (bytes, key)
    }

    /// Whether `bytes` verified under `key`.
    package func covers(_ bytes: [UInt8], key: Curve25519.Signing.PublicKey) -> Bool {
        guard let known = verified[Fingerprint(bytes)], known.bytes == bytes else { return false }
        return known.key.elementsEqual(key.rawRepresentation)
    }

    /// How many envelopes verified.
    package var count: Int { verified.count }

    static func verifiedKey(_ bytes: [UInt8], directory: VerifiedDirectory) -> [UInt8]? {
        guard let event = try? SealedEvent(parsing: bytes),
            let device = directory.currentDevice(event.header.senderDevice, of: event.header.sender),
            (try? event.verifySignature(with: device.identityKey)) != nil
        else { return nil }
        return Array(device.identityKey.rawRepresentation)
    }
}
