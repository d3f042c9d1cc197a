/// The pending record's opaque `payload` on the server: `ik_pub(32) ‖ SealKeyCert`.
extension PendingDevice {
    /// What the new device uploads as the record's payload (the commitment travels beside it).
    package var payload: [UInt8] { identityKey + certificate.encoded }

    /// Parses a record fetched from the server; its commitment is checked later, by ``select(from:secret:user:nowMs:)``.
    /// - Throws: ``CryptoError/Code/truncated`` or ``CryptoError/Code/invalidEncoding`` for a malformed payload.
    package init(payload: [UInt8], commitment: [UInt8]) throws(CryptoError) {
        var reader = ByteReader(payload)
        let identityKey = try reader.fixed(Ed25519.publicKeySize)
        let certificate = try SealKeyCertificate(parsing: try reader.fixed(reader.remaining))
        guard commitment.count == 32 else { throw CryptoError(.invalidEncoding, "a link commitment is 32 bytes") }
        self.init(identityKey: identityKey, certificate: certificate, commitment: commitment)
    }
}
