import Crypto
import Foundation

/// Event signatures checked ahead of ``ConversationSession/open(_:directory:nowMs:checked:)``, on
/// every core. The signature is the costliest step of opening an event and depends only on the
/// event's bytes and its sender device's key, not on the session's state, so a backlog's
/// signatures are checked in parallel and the sessions then open the events in order.
///
/// An entry binds the exact bytes to the key that verified them: `open` skips its own check only
/// when the directory names that same key for the sender device at the moment it opens the event,
/// and checks the signature itself otherwise (a device revoked or rotated in between).
package struct SignatureChecks: Sendable {
    /// Envelope bytes → the raw identity key their signature verified under.
    private var verified: [[UInt8]: [UInt8]] = [:]

    package init() {}

    /// Checks each envelope's signature under its sender device's current key in `directory`,
    /// `width` at a time (one per core by default). Envelopes that do not parse, name an unknown device or do not verify are
    /// simply not covered: `open` then meets and reports the failure in order.
    package static func check(
        _ envelopes: [[UInt8]], directory: VerifiedDirectory,
        width: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async -> SignatureChecks {
        var checks = SignatureChecks()
        let lanes = max(1, min(width, envelopes.count))
        await withTaskGroup(of: [(Int, [UInt8])].self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    var found: [(Int, [UInt8])] = []
                    for index in stride(from: lane, to: envelopes.count, by: lanes) {
                        if let key = verifiedKey(envelopes[index], directory: directory) { found.append((index, key)) }
                    }
                    return found
                }
            }
            for await found in group {
                for (index, key) in found { checks.verified[envelopes[index]] = key }
            }
        }
        return checks
    }

    /// Whether `bytes` verified under `key`.
    package func covers(_ bytes: [UInt8], key: Curve25519.Signing.PublicKey) -> Bool {
        guard let known = verified[bytes] else { return false }
        return known.elementsEqual(key.rawRepresentation)
    }

    /// How many envelopes verified.
    package var count: Int { verified.count }

    private static func verifiedKey(_ bytes: [UInt8], directory: VerifiedDirectory) -> [UInt8]? {
        guard let event = try? SealedEvent(parsing: bytes),
            let device = directory.currentDevice(event.header.senderDevice, of: event.header.sender),
            (try? event.verifySignature(with: device.identityKey)) != nil
        else { return nil }
        return Array(device.identityKey.rawRepresentation)
    }
}
