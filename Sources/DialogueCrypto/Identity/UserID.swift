/// A server account id: non-empty UTF-8, at most 64 bytes. Ordering is by UTF-8 bytes, which is
/// what roster hashes sort by.
package struct UserID: Hashable, Sendable, Comparable, CustomStringConvertible {
    package static let maxBytes = 64
    package let rawValue: String

    package init(_ rawValue: String) throws(CryptoError) {
        let count = rawValue.utf8.count
        guard count > 0, count <= Self.maxBytes else {
            throw CryptoError(.lengthTooLarge, "user id must be 1...\(Self.maxBytes) UTF-8 bytes")
        }
        self.rawValue = rawValue
    }

    package var utf8: [UInt8] { Array(rawValue.utf8) }
    package var description: String { rawValue }

    package static func < (lhs: UserID, rhs: UserID) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}
