import Crypto
import DialogueCrypto
import Foundation

extension DeviceKeys {
    /// Device keys from their stored raw form (this device's identity, or a pending link's keys);
    /// the certificate is checked to belong to them.
    static func stored(userId: String, identityKey: Data, sealKey: Data, certificate: Data) throws -> DeviceKeys {
        try DeviceKeys(
            user: try UserID(userId),
            identityKey: try Curve25519.Signing.PrivateKey(rawRepresentation: identityKey),
            sealKey: try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: sealKey),
            certificate: try SealKeyCertificate(parsing: Array(certificate)))
    }
}
