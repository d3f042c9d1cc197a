/// 16 random bytes chosen by the sender for every event and never reused (edits get new ids).
package struct EventID: Hashable, Sendable, CustomStringConvertible {
    package static let size = 16
    package let bytes: [UInt8]

    package init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.size else { throw CryptoError(.invalidEncoding, "event id must be 16 bytes") }
        self.bytes = bytes
    }

    /// Parses the 32-character lowercase hex form used inside plaintexts.
    package init(hex: String) throws(CryptoError) { try self.init(bytes: Hex.decode(hex)) }

    package static func random() -> EventID {
        // Force-try is safe: the length is fixed right here.
        try! EventID(bytes: SecureRandom.bytes(size))
    }

    package var hex: String { Hex.encode(bytes) }
    package var description: String { hex }
}
