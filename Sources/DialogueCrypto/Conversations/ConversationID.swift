/// 16 random bytes chosen by the creating client; bound into every op, envelope and event.
package struct ConversationID: Hashable, Sendable, CustomStringConvertible {
    package static let size = 16
    package let bytes: [UInt8]

    package init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.size else { throw CryptoError(.invalidEncoding, "conversation id must be 16 bytes") }
        self.bytes = bytes
    }

    package static func random() -> ConversationID {
        // Force-try is safe: the length is fixed right here.
        try! ConversationID(bytes: SecureRandom.bytes(size))
    }

    package var description: String { Hex.encode(bytes) }
}
