import Crypto
import DialogueCrypto
import Foundation

/// A link this new device started: the keys it made before any of the account's devices knew it,
/// and the secret it shows as a code. Kept sealed in the cache so a restart keeps waiting; the
/// secret leaves it only on the user's screen, never towards the server.
struct PendingLink: Codable, Sendable {
    var userId: String
    var identityKey: Data
    var sealKey: Data
    var certificate: Data
    var secret: Data
    var startedAtMs: UInt64

    static let metaKey = "link.pending"
    /// How long a shown code stays good; after that the device asks for a new one.
    static let lifetimeMs: UInt64 = 15 * 60 * 1000

    /// A fresh secret, reusing `keys` (the device's identity does not change with the code).
    init(keys: DeviceKeys, nowMs: UInt64) {
        userId = keys.user.rawValue
        identityKey = keys.identityKey.rawRepresentation
        sealKey = keys.sealKey.rawRepresentation
        certificate = Data(keys.certificate.encoded)
        secret = Data(LinkSecret().bytes)
        startedAtMs = nowMs
    }

    var expiresAtMs: UInt64 { startedAtMs + Self.lifetimeMs }

    func keys() throws(DaemonError) -> DeviceKeys {
        do {
            return try DeviceKeys.stored(
                userId: userId, identityKey: identityKey, sealKey: sealKey, certificate: certificate)
        } catch {
            throw DaemonError(.failed, "The keys made for linking are unusable", cause: error)
        }
    }

    func linkSecret() throws(DaemonError) -> LinkSecret {
        do {
            return try LinkSecret(bytes: Array(secret))
        } catch {
            throw DaemonError(.failed, "The stored link secret is unusable", cause: error)
        }
    }
}
