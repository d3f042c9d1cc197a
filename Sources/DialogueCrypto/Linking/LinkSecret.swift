import Crypto

/// The 32-byte secret a new device shows (QR code or 52 base32 characters). It never reaches the
/// server; it authenticates the pending device (HMAC commitment) and keys the HPKE PSK bundle.
package struct LinkSecret: Sendable {
    package static let size = 32
    package static let codeLength = 52

    package let bytes: [UInt8]

    package init() { bytes = SecureRandom.bytes(Self.size) }

    package init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.size else { throw CryptoError(.invalidKey, "link secret must be 32 bytes") }
        self.bytes = bytes
    }

    /// Parses a typed code (case-insensitive, spaces and dashes ignored).
    package init(code: String) throws(CryptoError) {
        let cleaned = code.filter { $0 != " " && $0 != "-" }
        guard cleaned.count == Self.codeLength else {
            throw CryptoError(.invalidEncoding, "link code must be \(Self.codeLength) base32 characters")
        }
        try self.init(bytes: Base32.decode(cleaned))
    }

    /// The 52-character base32 code.
    package var code: String { Base32.encode(bytes) }

    /// `HMAC-SHA256(link_secret, L("link-commit") ‖ vec(user_id) ‖ ik_pub ‖ seal_pub)`.
    package func commitment(user: UserID, identityKey: [UInt8], sealKey: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Self.commitInput(user, identityKey, sealKey), using: key))
    }

    /// Constant-time check of a pending device's commitment.
    package func verifies(_ pending: PendingDevice) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(
            pending.commitment,
            authenticating: Self.commitInput(
                pending.certificate.user, pending.identityKey, pending.certificate.sealKey),
            using: key)
    }

    private var key: SymmetricKey { SymmetricKey(data: bytes) }

    private static func commitInput(_ user: UserID, _ identityKey: [UInt8], _ sealKey: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.label(.linkCommit)
        writer.userID(user)
        writer.fixed(identityKey)
        writer.fixed(sealKey)
        return writer.bytes
    }
}
