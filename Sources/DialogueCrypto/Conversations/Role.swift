/// A member's role in a conversation.
package enum Role: UInt8, Hashable, Sendable {
    case member = 1
    case admin = 2

    init(byte: UInt8) throws(CryptoError) {
        guard let role = Role(rawValue: byte) else { throw CryptoError(.invalidEncoding, "unknown role \(byte)") }
        self = role
    }
}
