import Crypto

/// The account identity key (AIK): one Ed25519 key per user, shared by the user's devices, which
/// signs the device list. Safety numbers are computed over its public half.
package struct AccountIdentity: Sendable {
    package let privateKey: Curve25519.Signing.PrivateKey

    package init(privateKey: Curve25519.Signing.PrivateKey = .init()) {
        self.privateKey = privateKey
    }

    package init(rawPrivateKey: [UInt8]) throws(CryptoError) {
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey) else {
            throw CryptoError(.invalidKey, "not a 32-byte Ed25519 private key")
        }
        privateKey = key
    }

    package var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
    package var publicKeyBytes: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }

    /// Signs the next device list.
    /// - Parameters:
    ///   - version: must exceed every version published before; receivers refuse rollbacks.
    package func signDeviceList(
        user: UserID,
        version: UInt64,
        issuedAtMs: UInt64,
        devices: [DeviceList.Entry]
    ) throws(CryptoError) -> DeviceList {
        let unsigned = try DeviceList(
            user: user, accountKey: publicKeyBytes, version: version, issuedAtMs: issuedAtMs, devices: devices,
            signature: [])
        let signature = try Ed25519.sign(unsigned.body, purpose: .signDeviceList, with: privateKey)
        return try DeviceList(
            user: user, accountKey: publicKeyBytes, version: version, issuedAtMs: issuedAtMs, devices: devices,
            signature: signature)
    }
}
