import Crypto

/// Safety numbers with libsignal's fingerprint algorithm (`rust/protocol/src/fingerprint.rs`):
/// per party `h = SHA-512(0x0000 ‖ key ‖ stable_id ‖ key)`, then `iterations - 1` rounds of
/// `h = SHA-512(h ‖ key)`; the first 30 bytes give six 5-byte big-endian numbers mod 100000; the
/// two 30-digit halves are concatenated in ascending order, so both sides display the same 60 digits.
///
/// Dialogue uses key bytes `0x65 ‖ aik_pub` (Ed25519, distinct from Signal's `0x05` Curve25519
/// type byte) and the UTF-8 user id as stable id. Devices do not change the number: they are
/// certified by the account key.
package struct SafetyNumber: Hashable, Sendable {
    package static let iterations = 5200
    package static let keyTypeByte: UInt8 = 0x65

    /// The 60 displayed digits.
    package let digits: String
    /// `dlg-sn:v1:` ‖ hex(local 32 bytes) ‖ hex(remote 32 bytes), for QR comparison.
    package let scannable: String

    /// Computes the number between two users from their account identity keys.
    package init(local: UserID, localKey: [UInt8], remote: UserID, remoteKey: [UInt8]) {
        self.init(
            localID: local.utf8, localKey: [Self.keyTypeByte] + localKey, remoteID: remote.utf8,
            remoteKey: [Self.keyTypeByte] + remoteKey, iterations: Self.iterations)
    }

    /// The generic algorithm over already-serialized keys (used with libsignal's published vector).
    package init(localID: [UInt8], localKey: [UInt8], remoteID: [UInt8], remoteKey: [UInt8], iterations: Int) {
        let localHash = Self.fingerprint(id: localID, key: localKey, iterations: iterations)
        let remoteHash = Self.fingerprint(id: remoteID, key: remoteKey, iterations: iterations)
        let localDigits = Self.encode(localHash)
        let remoteDigits = Self.encode(remoteHash)
        digits = localDigits < remoteDigits ? localDigits + remoteDigits : remoteDigits + localDigits
        scannable = "dlg-sn:v1:" + Hex.encode(localHash.prefix(32)) + Hex.encode(remoteHash.prefix(32))
    }

    private static func fingerprint(id: [UInt8], key: [UInt8], iterations: Int) -> [UInt8] {
        var hasher = SHA512()
        hasher.update(data: [0, 0])
        hasher.update(data: key)
        hasher.update(data: id)
        hasher.update(data: key)
        var hash = Array(hasher.finalize())
        for _ in 1..<max(iterations, 2) {
            var round = SHA512()
            round.update(data: hash)
            round.update(data: key)
            hash = Array(round.finalize())
        }
        return hash
    }

    private static func encode(_ hash: [UInt8]) -> String {
        var out = ""
        for chunk in 0..<6 {
            var value: UInt64 = 0
            for byte in hash[chunk * 5..<chunk * 5 + 5] { value = value << 8 | UInt64(byte) }
            let number = String(value % 100_000)
            out += String(repeating: "0", count: 5 - number.count) + number
        }
        return out
    }

    /// Whether a scanned code matches (the peer's local half is our remote half and vice versa).
    package func matches(scanned: String) -> Bool {
        let prefix = "dlg-sn:v1:"
        guard scanned.hasPrefix(prefix), scannable.hasPrefix(prefix) else { return false }
        let mine = Array(scannable.dropFirst(prefix.count))
        let theirs = Array(scanned.dropFirst(prefix.count))
        guard mine.count == 128, theirs.count == 128 else { return false }
        return mine[0..<64] == theirs[64..<128] && mine[64..<128] == theirs[0..<64]
    }
}
