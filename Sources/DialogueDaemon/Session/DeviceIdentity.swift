import Crypto
import DialogueCrypto
import Foundation

/// This device's private keys and the account identity key, as kept (sealed) in the cache.
///
/// The first device of an account creates both at sign-up; the account key signs the device list
/// and the device key signs everything this device sends.
struct DeviceIdentity: Codable, Sendable {
    var userId: String
    var accountKey: Data
    var identityKey: Data
    var sealKey: Data
    var certificate: Data
    var deviceListVersion: UInt64
    var addedAtMs: UInt64

    static let metaKey = "identity"

    /// Fresh keys for a new account's first device.
    static func create(userId: String, nowMs: UInt64) throws(DaemonError) -> DeviceIdentity {
        do {
            let account = AccountIdentity()
            let keys = try DeviceKeys(user: try UserID(userId), nowMs: nowMs)
            return DeviceIdentity(
                userId: userId, accountKey: account.privateKey.rawRepresentation,
                identityKey: keys.identityKey.rawRepresentation, sealKey: keys.sealKey.rawRepresentation,
                certificate: Data(keys.certificate.encoded), deviceListVersion: 0, addedAtMs: nowMs)
        } catch {
            throw DaemonError(.failed, "Creating this device's keys failed", cause: error)
        }
    }

    /// The keys as the crypto library wants them.
    func unpack() throws(DaemonError) -> (account: AccountIdentity, device: DeviceKeys) {
        do {
            let account = try AccountIdentity(rawPrivateKey: Array(accountKey))
            let device = try DeviceKeys.stored(
                userId: userId, identityKey: identityKey, sealKey: sealKey, certificate: certificate)
            return (account, device)
        } catch {
            throw DaemonError(.failed, "This device's stored keys are unusable", cause: error)
        }
    }
}
